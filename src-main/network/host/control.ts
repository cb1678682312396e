// What the services see of the network host: a handle that can start and stop it at runtime
// (network.serve) and that knows its certificate. Present on Services only where the process
// may serve (the Electron app, npm run serve); absent in a client and in plain tests.
import type { NetworkStatus } from '../../../src-shared/rpc/network';

export interface NetworkControl {
  status(): NetworkStatus;
  /** Starts serving on address:port (stopping a previous listener first); rejects with a Russian message. */
  serve(address: string, port: number): Promise<NetworkStatus>;
  stop(): Promise<NetworkStatus>;
  /** The certificate's grouped fingerprint, making the certificate on first use. */
  fingerprint(): Promise<string>;
  /** Closes the open connections (event streams) of a device just revoked. */
  dropDevice(deviceId: number): void;
}
