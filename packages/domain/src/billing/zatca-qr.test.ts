import { describe, expect, it } from 'vitest';
import { zatcaQr, zatcaTimestamp, zatcaTlv } from './zatca-qr.js';

describe('the QR code of a simplified tax invoice', () => {
  it('encodes the five TLV fields byte for byte, then base64', () => {
    const fields = {
      sellerName: 'Bobs Records',
      vatNumber: '310122393500003',
      timestamp: new Date('2022-04-25T15:30:00Z'),
      totalWithVat: '1000.00',
      vatAmount: '150.00',
    };
    const expected = Buffer.concat([
      Buffer.from([1, 12]), Buffer.from('Bobs Records'),
      Buffer.from([2, 15]), Buffer.from('310122393500003'),
      Buffer.from([3, 20]), Buffer.from('2022-04-25T15:30:00Z'),
      Buffer.from([4, 7]), Buffer.from('1000.00'),
      Buffer.from([5, 6]), Buffer.from('150.00'),
    ]);
    expect(zatcaTlv(fields).equals(expected)).toBe(true);
    // The example published with the e-invoicing guidance.
    expect(zatcaQr(fields)).toBe('AQxCb2JzIFJlY29yZHMCDzMxMDEyMjM5MzUwMDAwMwMUMjAyMi0wNC0yNVQxNTozMDowMFoEBzEwMDAuMDAFBjE1MC4wMA==');
  });

  it('counts lengths in UTF-8 bytes, not characters (an Arabic seller name)', () => {
    const name = 'مركز النور'; // 10 characters, 19 bytes
    const bytes = zatcaTlv({ sellerName: name, vatNumber: '300000000000003', timestamp: new Date('2026-11-24T06:00:00.123Z'), totalWithVat: '3105.00', vatAmount: '405.00' });
    expect([bytes[0], bytes[1]]).toEqual([1, 19]);
    expect(bytes.subarray(2, 21).toString('utf8')).toBe(name);
    expect(bytes.subarray(21, 23)).toEqual(Buffer.from([2, 15]));
    expect(bytes.length).toBe(2 + 19 + 2 + 15 + 2 + 20 + 2 + 7 + 2 + 6);
  });

  it('writes the timestamp as ISO 8601 in UTC without milliseconds, and cuts a seller name over 255 bytes at a character', () => {
    expect(zatcaTimestamp(new Date('2026-11-24T06:00:00.999Z'))).toBe('2026-11-24T06:00:00Z');
    const bytes = zatcaTlv({ sellerName: 'ن'.repeat(200), vatNumber: '3', timestamp: new Date(0), totalWithVat: '1', vatAmount: '0' });
    expect(bytes[1]).toBe(254);
    expect(bytes.subarray(2, 256).toString('utf8')).toBe('ن'.repeat(127));
  });
});
