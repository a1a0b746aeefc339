import { useEffect, useState } from 'react';
import { workbenchApi, type AgencyEntry } from './api';

let cached: Promise<AgencyEntry[]> | undefined;

/** The directory's agencies, loaded once per page load (tens of entries). */
export function useAgencies(): AgencyEntry[] {
  const [agencies, setAgencies] = useState<AgencyEntry[]>([]);
  useEffect(() => {
    cached ??= workbenchApi.agencies().catch((e) => {
      cached = undefined;
      throw e;
    });
    let live = true;
    cached.then((list) => live && setAgencies(list)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return agencies;
}

/** code → name in the current language (the code itself when unknown). */
export function agencyNamer(agencies: AgencyEntry[], language: string): (code: string | null | undefined) => string {
  const map = new Map(agencies.map((a) => [a.code, a]));
  return (code) => {
    if (!code) return '';
    const agency = map.get(code);
    if (!agency) return code;
    const name = agency.name;
    if (typeof name === 'string') return name;
    return language.startsWith('en') && name.en ? name.en : name.zh;
  };
}
