import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { App } from './app';

describe('App', () => {
  it('names the product in its heading', () => {
    expect(renderToString(<App />)).toContain('<h1>Clinic packages</h1>');
  });
});
