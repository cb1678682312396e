// The header's "school host unreachable" state, fed by every RPC answer of this window.
import { useEffect, useState } from 'react';
import { onRpcAnswer } from '../rpc/client';
import { HOST_UP, nextHostState, type HostState } from './logic';

export function useHostState(): HostState {
  const [state, setState] = useState<HostState>(HOST_UP);
  useEffect(() => onRpcAnswer((a) => setState((prev) => nextHostState(prev, a))), []);
  return state;
}
