import { createContext, useContext } from 'react';
import type { KmsDoctorApi } from '../../shared/contract/api.js';

export const ApiContext = createContext<KmsDoctorApi | null>(null);

/** The typed API; screens render only under an ApiContext with a value. */
export function useApi(): KmsDoctorApi {
  const api = useContext(ApiContext);
  if (api === null) throw new Error('useApi outside an ApiContext');
  return api;
}
