/** The language whose rules form a name. */
export type NameLanguage = 'uk' | 'ru';

/** Sex as the list format writes it. */
export type Sex = 'M' | 'F';

// [masculine, feminine] patronymics the suffix rules below would get wrong
const UK_IRREGULAR: Readonly<Record<string, readonly [string, string]>> = {
  Микола: ['Миколайович', 'Миколаївна'],
  Ілля: ['Ілліч', 'Іллівна'],
  Яків: ['Якович', 'Яківна'],
  Федір: ['Федорович', 'Федорівна'],
  Лука: ['Лукич', 'Луківна'],
  Кузьма: ['Кузьмич', 'Кузьмівна'],
};

const RU_IRREGULAR: Readonly<Record<string, readonly [string, string]>> = {
  Дмитрий: ['Дмитриевич', 'Дмитриевна'],
  Георгий: ['Георгиевич', 'Георгиевна'],
  Михаил: ['Михайлович', 'Михайловна'],
  Павел: ['Павлович', 'Павловна'],
  Лев: ['Львович', 'Львовна'],
  Яков: ['Яковлевич', 'Яковлевна'],
  Илья: ['Ильич', 'Ильинична'],
  Никита: ['Никитич', 'Никитична'],
  Лука: ['Лукич', 'Лукинична'],
  Кузьма: ['Кузьмич', 'Кузьминична'],
  Фома: ['Фомич', 'Фоминична'],
};

/** Forms the patronymic from the father's given name by the rules of the language. */
export function patronymic(fatherName: string, language: NameLanguage, sex: Sex): string {
  const irregular = (language === 'uk' ? UK_IRREGULAR : RU_IRREGULAR)[fatherName];
  if (irregular) return sex === 'M' ? irregular[0] : irregular[1];
  return language === 'uk'
    ? ukrainianPatronymic(fatherName, sex)
    : russianPatronymic(fatherName, sex);
}

function ukrainianPatronymic(name: string, sex: Sex): string {
  const stem = name.slice(0, -1);
  // Сергій → Сергійович / Сергіївна: the й stays in the masculine, becomes ї in the feminine
  if (name.endsWith('ій')) return sex === 'M' ? `${name}ович` : `${stem}ївна`;
  // Василь → Васильович / Василівна
  if (name.endsWith('ь')) return sex === 'M' ? `${name}ович` : `${stem}івна`;
  // Дмитро → Дмитрович, Сава → Савович: the final vowel gives way to the suffix
  if (/[оая]$/.test(name)) return sex === 'M' ? `${stem}ович` : `${stem}івна`;
  return sex === 'M' ? `${name}ович` : `${name}івна`;
}

function russianPatronymic(name: string, sex: Sex): string {
  const soft = sex === 'M' ? 'евич' : 'евна';
  // Юрий → Юрьевич, Виталий → Витальевич
  if (name.endsWith('ий')) return `${name.slice(0, -2)}ь${soft}`;
  // Сергей → Сергеевич, Николай → Николаевич, Игорь → Игоревич
  if (/[еао]й$|ь$/.test(name)) return `${name.slice(0, -1)}${soft}`;
  if (/[ая]$/.test(name)) return `${name.slice(0, -1)}${sex === 'M' ? 'ич' : 'ична'}`;
  if (/[жшчщц]$/.test(name)) return `${name}${soft}`;
  return `${name}${sex === 'M' ? 'ович' : 'овна'}`;
}

/** Turns a masculine surname into the form a woman of the family carries. */
export function feminineSurname(surname: string, language: NameLanguage): string {
  // possessive -ов/-ев/-ин surnames take -а in both languages: Іванов → Іванова, Ільїн → Ільїна
  if (/(?:ов|ев|єв|ёв|ин|ін|їн|ын)$/.test(surname)) return `${surname}а`;
  if (language === 'uk') {
    // adjectival: Ковальський → Ковальська, Заболотний → Заболотна
    return /[иі]й$/.test(surname) ? `${surname.slice(0, -2)}а` : surname;
  }
  // Ковальский → Ковальская, Заболотный → Заболотная, Бережной → Бережная
  if (/(?:[кгхжшчщц]ий|ый|ой)$/.test(surname)) return `${surname.slice(0, -2)}ая`;
  if (surname.endsWith('ий')) return `${surname.slice(0, -2)}яя`;
  // -енко, -ук, -ко and noun surnames (Коваль, Мельник) are the same for women
  return surname;
}

/** Writes the surname in the form the person's sex takes. */
export function surnameForSex(masculine: string, language: NameLanguage, sex: Sex): string {
  return sex === 'M' ? masculine : feminineSurname(masculine, language);
}
