import { useState } from 'preact/hooks';

/** One request's state for a view: its result, its error, and whether it is under way. */
export function useRequest<T>() {
  const [result, setResult] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (request: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    setError(null);
    try {
      const value = await request();
      setResult(value);
      return value;
    } catch (caught) {
      setError(caught);
      setResult(null);
      return null;
    } finally {
      setBusy(false);
    }
  };
  return { result, error, busy, run, setResult, setError };
}
