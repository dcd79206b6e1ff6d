import { describe, expect, it } from 'vitest';
import { attachmentHeader, manifestFileName } from './manifest-file-name.ts';

describe('the name of a printed manifest', () => {
  it('names the mechanism, the stage and its date', () => {
    const file = manifestFileName({
      mechanism: { name: 'UA–RU demo (Istanbul 2025)' },
      stage: { number: 3, date: '2025-06-09' },
    });
    expect(file).toEqual({
      name: 'manifest-ua-ru-demo-istanbul-2025-stage-3-2025-06-09.pdf',
      ascii: 'manifest-ua-ru-demo-istanbul-2025-stage-3-2025-06-09.pdf',
    });
  });

  it('keeps a Cyrillic name, with an ASCII form for old clients', () => {
    const file = manifestFileName({
      mechanism: { name: 'Обмін Україна – Росія' },
      stage: { number: 12, date: '2025-06-14' },
    });
    expect(file.name).toBe('manifest-обмін-україна-росія-stage-12-2025-06-14.pdf');
    expect(file.ascii).toBe('manifest-mechanism-stage-12-2025-06-14.pdf');
    expect(attachmentHeader(file)).toBe(
      `attachment; filename="manifest-mechanism-stage-12-2025-06-14.pdf"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    );
  });

  it('names a receipt by its person too', () => {
    const file = manifestFileName(
      { mechanism: { name: 'Обмін' }, stage: { number: 2, date: '2025-06-10' } },
      { prefix: 'receipt', recordId: 'UA-H-0003' },
    );
    expect(file).toEqual({
      name: 'receipt-обмін-stage-2-2025-06-10-UA-H-0003.pdf',
      ascii: 'receipt-mechanism-stage-2-2025-06-10-UA-H-0003.pdf',
    });
  });
});
