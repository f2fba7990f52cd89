/**
 * Whether this server has the dev mailbox (development and test only): asked once per page load.
 * In production the route does not exist (404) and the footer shows no link to it.
 */
import { useEffect, useState } from 'react';
import { get } from '../api.ts';

let answer: Promise<boolean> | undefined;

export function devMailboxAvailable(): Promise<boolean> {
  answer ??= get<unknown>('/api/dev/mailbox', { limit: 1 }).then(
    () => true,
    () => false,
  );
  return answer;
}

export function useDevMailbox(): boolean {
  const [available, setAvailable] = useState(false);
  useEffect(() => {
    let live = true;
    void devMailboxAvailable().then((yes) => live && setAvailable(yes));
    return () => {
      live = false;
    };
  }, []);
  return available;
}
