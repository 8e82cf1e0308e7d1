// The sign-in token lives in localStorage so that a reload or a new tab stays signed in.
const KEY = 'clinic.authToken';

export function readAuthToken(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function saveAuthToken(token: string): void {
  localStorage.setItem(KEY, token);
}

export function forgetAuthToken(): void {
  localStorage.removeItem(KEY);
}
