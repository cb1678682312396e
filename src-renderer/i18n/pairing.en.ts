// School network (issue 10): pairing with the school host and its absence. Same keys as pairing.ru.ts.
import type { pairingRu } from './pairing.ru';

export const pairingEn: { readonly [K in keyof typeof pairingRu]: string } = {
  'pair.hostUnreachable': 'School server unreachable',
  'pair.heading': 'Connect to the school server',
  'pair.intro':
    "This computer works with the school's database on its server. Ask the administrator for a pairing code (valid for 10 minutes) and enter it here.",
  'pair.address': 'School server address',
  'pair.addressHint': 'For example, https://192.168.1.10:8443',
  'pair.code': 'Pairing code',
  'pair.codeHint': 'Six digits',
  'pair.name': 'Name of this computer',
  'pair.nameHint': "The administrator sees it in the list of computers, e.g. 'Room 12'",
  'pair.submit': 'Connect',
  'pair.busy': 'Connecting…',
  'pair.find': 'Find the server on the network',
  'pair.finding': 'Searching…',
  'pair.foundNone': 'No server found on the network: type the address.',
  'pair.use': 'Use',
  'pair.done': 'This computer is connected to the school server.',
  'pair.compare':
    "Compare the server certificate's fingerprint with the one on the sheet in the server room. If they differ, do not sign in and tell the administrator.",
  'pair.fingerprint': 'Server fingerprint',
  'pair.continue': 'Fingerprints match, continue',
  'pair.mismatchHeading': 'The school server presented a different certificate',
  'pair.mismatchIntro':
    'This happens when the server was moved to another computer — or when someone poses as the server. Check the new fingerprint against the sheet in the server room and connect this computer again with a new code from the administrator.',
  'pair.pinned': 'Remembered fingerprint',
  'pair.presented': 'Presented fingerprint',
  'pair.repair': 'Connect again',
};
