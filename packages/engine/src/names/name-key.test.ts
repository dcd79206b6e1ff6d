import { describe, expect, it } from 'vitest';
import { givenNameKey, lookupGivenName, nameKey, surnameKey } from './name-key.ts';

const allEqual = (key: (text: string) => string, forms: readonly string[]): void => {
  const first = key(forms[0]!);
  for (const form of forms) expect(key(form), form).toBe(first);
};

describe('nameKey', () => {
  it('meets Ukrainian, English, Czech, German, French and Polish spellings of Шевченко', () => {
    allEqual(nameKey, [
      'Шевченко',
      'Shevchenko',
      'Ševčenko',
      'Schewtschenko',
      'Chevtchenko',
      'Szewczenko',
      'SHEVCHENKO',
    ]);
  });

  it('meets the official and informal romanisations of a surname', () => {
    allEqual(nameKey, ['Згурський', 'Zghurskyi', 'Zgursky', 'Zgurskiy', 'Zgurskij']);
    allEqual(nameKey, ['Васильєв', 'Васильев', 'Vasiliev', 'Vasilyev', "Vasil'yev", 'Vasilev']);
    allEqual(nameKey, ['Чайковский', 'Chaikovskii', 'Tchaikovsky', 'Tschaikowski']);
    allEqual(nameKey, ['Смирнов', 'Smirnov', 'Smirnoff', 'Smirnow']);
    allEqual(nameKey, ['Щербак', 'Shcherbak', 'Szczerbak', 'Ščerbak', 'Scherbak']);
    allEqual(nameKey, ['Устинов', 'Ustinov', 'Oustinov', 'Ustinow']);
    allEqual(nameKey, ['Хмельницький', 'Khmelnytskyi', 'Khmelnitskiy', 'Hmelnitsky']);
    // тз romanised letter by letter is tz, which is also German for ц: both sides read it so.
    allEqual(nameKey, ['Петзарчук', 'Petzarchuk', 'Пецарчук']);
  });

  it('meets Ukrainian and Russian Cyrillic forms that differ only in script conventions', () => {
    allEqual(nameKey, ['Іван', 'Иван', 'Ivan', 'Iwan']);
    allEqual(nameKey, ['Гаєвич', 'Гаевич', 'Haievych', 'Gayevich']);
    allEqual(nameKey, ['Наталія', 'Наталья', 'Наталия', 'Natalia', 'Nataliia', 'Natalya']);
  });

  it('keeps different names apart', () => {
    expect(nameKey('Іван')).not.toBe(nameKey('Ігор'));
    expect(nameKey('Коваленко')).not.toBe(nameKey('Ковальчук'));
    expect(nameKey('Шевченко')).not.toBe(nameKey('Шевчук'));
    expect(nameKey('Петренко')).not.toBe(nameKey('Петрук'));
    expect(nameKey('Бондаренко')).not.toBe(nameKey('Бондар'));
  });

  it('keys every word of a full name, hyphenated parts included', () => {
    expect(nameKey('  ШЕВЧЕНКО   Тарас-Іван ')).toBe('ševšenko taras ivan');
    expect(nameKey('')).toBe('');
    expect(nameKey('12.03.1990')).toBe('');
  });

  it('repairs look-alike letters before keying', () => {
    expect(nameKey('Шевченкo')).toBe(nameKey('Шевченко'));
    expect(nameKey('Iванов')).toBe(nameKey('Іванов'));
  });
});

describe('givenNameKey', () => {
  it('meets Ukrainian, Russian, Belarusian and Latin forms through the table', () => {
    allEqual(givenNameKey, [
      'Олександр',
      'Александр',
      'Аляксандр',
      'Oleksandr',
      'Aleksandr',
      'Alexander',
      'Oleksander',
      'ОЛЕКСАНДР',
    ]);
    allEqual(givenNameKey, ['Сергій', 'Сергей', 'Serhii', 'Sergey', 'Sergei', 'Siarhei']);
    allEqual(givenNameKey, ['Дмитро', 'Дмитрий', 'Dmytro', 'Dmitry', 'Dmitriy']);
    allEqual(givenNameKey, ['Олексій', 'Алексей', 'Oleksii', 'Alexey', 'Aleksei']);
    allEqual(givenNameKey, ['Юрій', 'Юрий', 'Yurii', 'Yuriy', 'Jurij', 'Youri']);
    allEqual(givenNameKey, ['Фёдор', 'Федор', 'Федір', 'Fyodor', 'Fedir', 'Fedor']);
    allEqual(givenNameKey, ['Олена', 'Елена', 'Olena', 'Yelena', 'Elena']);
    allEqual(givenNameKey, ['Ганна', 'Анна', 'Hanna', 'Anna']);
  });

  it('keeps different names apart', () => {
    expect(givenNameKey('Іван')).toBe(givenNameKey('Иван'));
    expect(givenNameKey('Іван')).not.toBe(givenNameKey('Ігор'));
    expect(givenNameKey('Ігор')).not.toBe(givenNameKey('Єгор'));
    expect(givenNameKey('Олександр')).not.toBe(givenNameKey('Олександра'));
    expect(givenNameKey('Олена')).not.toBe(givenNameKey('Альона'));
    expect(givenNameKey('Юлій')).not.toBe(givenNameKey('Юлія'));
  });

  it('falls back to the skeleton for names outside the table', () => {
    expect(givenNameKey('Світовид')).toBe(nameKey('Svitovyd'));
  });
});

describe('lookupGivenName', () => {
  it('finds the entry and sex of a one-word name in any spelling', () => {
    expect(lookupGivenName('Alexander')?.uk).toBe('Олександр');
    expect(lookupGivenName('Наталья')?.sex).toBe('female');
    expect(lookupGivenName('Шевченко')).toBeUndefined();
    expect(lookupGivenName('Іван Петро')).toBeUndefined();
  });
});

describe('surnameKey', () => {
  it('folds feminine forms onto the masculine', () => {
    allEqual(surnameKey, ['Іванов', 'Іванова', 'Иванова', 'Ivanov', 'Ivanova', 'Iwanowa']);
    allEqual(surnameKey, ['Ковальський', 'Ковальська', 'Ковальская', 'Kovalskyi', 'Kowalska']);
    allEqual(surnameKey, ['Білецький', 'Білецька', 'Biletskyi', 'Biletska']);
    allEqual(surnameKey, ['Соловйов', 'Соловйова']);
    allEqual(surnameKey, ['Кузьмін', 'Кузьміна', 'Кузьмина', 'Kuzmina']);
    allEqual(surnameKey, ['Білий', 'Біла']);
    allEqual(surnameKey, ['Толстой', 'Толстая', 'Tolstaya']);
    // Belarusian -оў is written -ou in passports.
    allEqual(surnameKey, ['Іваноў', 'Ivanou', 'Иванов', 'Іванова']);
  });

  it('leaves invariable surnames and different surnames apart', () => {
    expect(surnameKey('Шевченко')).toBe(nameKey('Шевченко'));
    expect(surnameKey('Коваленко')).not.toBe(surnameKey('Ковальчук'));
    expect(surnameKey('Іванов')).not.toBe(surnameKey('Іваненко'));
  });
});
