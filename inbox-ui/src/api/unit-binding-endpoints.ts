/** The estate registry as the owner sidebar uses it: finding a unit and binding the owner to it. */
import { apiRequest } from './client';
import type { UnitPersonRole } from './workspace-types';

const enc = encodeURIComponent;

export interface EstateOption {
  id: string;
  name: string;
}
export interface UnitHit {
  id: string;
  building: string;
  entrance: string;
  number: string;
}
export interface UnitPeople {
  id: string;
  people: { id: string; name: string; role: UnitPersonRole; phone: string | null; contactId: string | null }[];
}

export const fetchEstates = (signal?: AbortSignal) => apiRequest<{ data: EstateOption[] }>('/api/estates', { signal });
export const fetchEstateUnits = (estateId: string, q: string, signal?: AbortSignal) =>
  apiRequest<{ data: UnitHit[] }>(`/api/estates/${enc(estateId)}/units?limit=10&q=${enc(q)}`, { signal });
export const fetchUnit = (id: string, signal?: AbortSignal) => apiRequest<UnitPeople>(`/api/units/${enc(id)}`, { signal });
export const bindUnit = (contactId: string, unitId: string, body: { personId?: string; role?: UnitPersonRole }) =>
  apiRequest<{ personId: string }>(`/api/contacts/${enc(contactId)}/units/${enc(unitId)}`, { method: 'PUT', body });
export const unbindUnit = (contactId: string, unitId: string) => apiRequest<void>(`/api/contacts/${enc(contactId)}/units/${enc(unitId)}`, { method: 'DELETE' });
