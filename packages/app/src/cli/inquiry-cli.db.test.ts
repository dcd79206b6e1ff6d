import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useInProcessCli } from '../testing/cli.ts';
import { testDatabaseKinds } from '../testing/test-database.ts';

describe.each(testDatabaseKinds())('parley inquiry [%s]', (kind) => {
  const sandbox = useInProcessCli(kind, 'parley-inquiry');
  const parley = sandbox.parley;

  it('registers an inquiry from a file, lists and shows it, refuses a wrong date naming the field, and closes it', async () => {
    await parley('mechanism', 'create', '--name', 'M', '--parties', 'UA,RU', '--mediators', 'TR');
    const file = path.join(sandbox.dir, 'inquiry.json');
    const body = {
      channel: 'letter',
      receivedOn: '2025-04-02',
      inquirer: { name: 'Іваненко Оксана', relation: 'wife', contact: 'Львів', language: 'uk' },
      sought: { surname: 'Іваненко', givenName: 'Тарас', dateOfBirth: '1991-07' },
      consent: { tracing: true, sharing: { mediator: true, icrc: false, otherParty: false } },
    };
    await fs.writeFile(file, JSON.stringify(body));
    const registered = await parley(
      'inquiry',
      'register',
      '--mechanism',
      'M',
      '--party',
      'UA',
      '--file',
      file,
    );
    expect(registered.stdout).toMatch(/^inquiry UA-1: [0-9a-f-]{36} \(no_information\)$/m);
    const id = /UA-1: ([0-9a-f-]{36})/.exec(registered.stdout)![1]!;

    const listed = await parley('inquiry', 'list', '--mechanism', 'M', '--party', 'UA');
    expect(listed.stdout).toContain(`UA-1\tno_information\tІваненко Тарас\t${id}`);
    const shown = await parley('inquiry', 'show', '--mechanism', 'M', '--id', id);
    expect(shown.stdout).toContain('inquirer: Іваненко Оксана (wife), Львів');

    await fs.writeFile(
      file,
      JSON.stringify({ ...body, sought: { surname: 'X', dateOfBirth: '1991-13' } }),
    );
    const refused = await parley(
      'inquiry',
      'register',
      '--mechanism',
      'M',
      '--party',
      'UA',
      '--file',
      file,
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('dateOfBirth: there is no month 13 ("1991-13")');

    const closed = await parley(
      'inquiry',
      'close',
      '--mechanism',
      'M',
      '--id',
      id,
      '--reason',
      'withdrawn_by_family',
    );
    expect(closed.stdout).toContain(`inquiry ${id}: closed`);
    const after = await parley('inquiry', 'show', '--mechanism', 'M', '--id', id);
    expect(after.stdout).toContain('no_information → closed (withdrawn_by_family)');
  });

  it('imports a file of inquiries all or none, naming every error by line and column', async () => {
    const header =
      'record_id,surname,given_name,date_of_birth,inquirer_name,relation,contact,language,received_on,consent_tracing,share_mediator';
    const file = path.join(sandbox.dir, 'inquiries.csv');
    await fs.writeFile(
      file,
      [
        header,
        'Q-1,Петренко,Іван,1990-02-31,Петренко Ганна,mother,+380 1,uk,2025-05-01,так,yes',
        'Q-2,Сидоренко,Олег,1985,Сидоренко Віра,aunt,+380 2,uk,2025-05-02,yes,no',
      ].join('\n'),
    );
    const refused = await parley('inquiry', 'import', file, '--mechanism', 'M', '--party', 'UA');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('inquiries.csv was not imported: 2 errors');
    expect(refused.stderr).toMatch(/line 2, column date_of_birth: .*"1990-02-31"/);
    expect(refused.stderr).toContain('line 3, column relation: not one of mother');
    const none = await parley('inquiry', 'list', '--mechanism', 'M', '--party', 'UA');
    expect(none.stdout).toContain('1 inquiries');

    await fs.writeFile(
      file,
      [
        header,
        'Q-1,Петренко,Іван,1990-02,Петренко Ганна,mother,+380 1,uk,2025-05-01,так,yes',
        'Q-2,Сидоренко,Олег,1985,Сидоренко Віра,sister,+380 2,ru,2025-05-02,yes,no',
      ].join('\n'),
    );
    const imported = await parley('inquiry', 'import', file, '--mechanism', 'M', '--party', 'UA');
    expect(imported.stdout).toContain('imported 2 inquiries (2–3)');
    const listed = await parley('inquiry', 'list', '--mechanism', 'M', '--party', 'UA');
    expect(listed.stdout).toContain('3 inquiries');
    expect(listed.stdout).toContain('UA-2\tno_information\tПетренко Іван');
  });

  it("issues a family's status code once, lists its use without it, and revokes it", async () => {
    const listed = await parley('inquiry', 'list', '--mechanism', 'M', '--party', 'UA');
    const id = /UA-2\t\S+\t[^\t]+\t([0-9a-f-]{36})/.exec(listed.stdout)![1]!;
    const issued = await parley(
      'inquiry',
      'family-code',
      'issue',
      '--mechanism',
      'M',
      '--id',
      id,
      '--days',
      '30',
    );
    const [, code, codeId] =
      /^([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\t\(code ([0-9a-f-]{36}), valid until/m.exec(
        issued.stdout,
      ) ?? [];
    expect(code).toBeDefined();
    const codes = await parley('inquiry', 'family-code', 'list', '--mechanism', 'M', '--id', id);
    expect(codes.stdout).toContain(`${codeId}\tissued`);
    expect(codes.stdout).toContain('used 0\tvalid');
    expect(codes.stdout).not.toContain(code!);
    const revoked = await parley(
      'inquiry',
      'family-code',
      'revoke',
      '--mechanism',
      'M',
      '--code',
      codeId!,
    );
    expect(revoked.stdout).toContain(`code ${codeId}: revoked`);
    const after = await parley('inquiry', 'family-code', 'list', '--mechanism', 'M', '--id', id);
    expect(after.stdout).toMatch(/used 0\trevoked /);
    const tooLong = await parley(
      'inquiry',
      'family-code',
      'issue',
      '--mechanism',
      'M',
      '--id',
      id,
      '--days',
      '9999',
    );
    expect(tooLong.code).not.toBe(0);

    const pdf = path.join(sandbox.dir, 'letter.pdf');
    const letter = await parley(
      'inquiry',
      'letter',
      '--mechanism',
      'M',
      '--id',
      id,
      '--kind',
      'received',
      '--out',
      pdf,
    );
    // Q-1's inquirer wrote in Ukrainian.
    expect(letter.stdout).toMatch(/^UA-2-received-uk\.pdf: \d+ bytes written to /m);
    expect((await fs.readFile(pdf)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('holds an inquiry, refuses its erasure while held, erases the inquirer once lifted, and lists the requests', async () => {
    await parley('mechanism', 'create', '--name', 'E', '--parties', 'UA,RU', '--mediators', 'TR');
    const file = path.join(sandbox.dir, 'erase.json');
    await fs.writeFile(
      file,
      JSON.stringify({
        channel: 'phone',
        receivedOn: '2025-04-02',
        inquirer: { name: 'Мельник Ганна', relation: 'mother', contact: 'Житомир', language: 'uk' },
        sought: { surname: 'Мельник', givenName: 'Петро', dateOfBirth: '1989' },
        consent: { tracing: true, sharing: { mediator: true, icrc: false, otherParty: false } },
      }),
    );
    const registered = await parley(
      'inquiry',
      'register',
      '--mechanism',
      'E',
      '--party',
      'UA',
      '--file',
      file,
    );
    const id = /UA-1: ([0-9a-f-]{36})/.exec(registered.stdout)![1]!;
    const erase = () =>
      parley(
        'inquiry',
        'erase',
        '--mechanism',
        'E',
        '--id',
        id,
        '--requester',
        'inquirer',
        '--requested-on',
        '2026-12-01',
        '--basis',
        'consent_withdrawn',
      );
    const held = await parley(
      'inquiry',
      'hold',
      '--mechanism',
      'E',
      '--id',
      id,
      '--reason',
      'court case 7/2026',
    );
    expect(held.stdout).toContain(`inquiry ${id}: held (court case 7/2026)`);
    expect((await erase()).stdout).toContain(
      'inquiry UA-1: erasure refused: the inquiry is under a legal hold (court case 7/2026): lift the hold first',
    );
    await parley('inquiry', 'hold', '--mechanism', 'E', '--id', id, '--lift');
    expect((await erase()).stdout).toContain("inquiry UA-1: the inquirer's data erased");
    const shown = await parley('inquiry', 'show', '--mechanism', 'E', '--id', id);
    expect(shown.stdout).not.toContain('Мельник Ганна');
    const listed = await parley('inquiry', 'erasures', '--mechanism', 'E', '--party', 'UA');
    expect(listed.stdout).toMatch(
      /UA-1\tinquirer\tasked by inquirer on 2026-12-01\tconsent_withdrawn\terased/,
    );
    expect(listed.stdout).toMatch(/refused \(legal_hold\)/);
    const badDay = await parley(
      'inquiry',
      'erase',
      '--mechanism',
      'E',
      '--id',
      id,
      '--requester',
      'inquirer',
      '--requested-on',
      '1.12.2026',
      '--basis',
      'consent_withdrawn',
    );
    expect(badDay.code).toBe(1);
    expect(badDay.stderr).toContain('requestedOn');
    const pairs = await parley(
      'inquiry',
      'same-person',
      'list',
      '--mechanism',
      'E',
      '--party',
      'UA',
    );
    expect(pairs.stdout).toContain('0 pairs waiting');
  });
});
