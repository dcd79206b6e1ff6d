import type { CeasefireKind, CeasefireScope } from './ceasefire.ts';
import type { PointKind, Stance } from './points.ts';
import type { TextLanguage } from './translation.ts';

/**
 * A text of the demo in the three languages of the interface, and the one it was written in: the
 * record holds it in that language, and the translation memory the two others.
 */
export type DemoText = { written: TextLanguage } & Record<TextLanguage, string>;

/** A text the mediator's secretariat wrote in English, with its Ukrainian and Russian. */
const en = (en: string, uk: string, ru: string): DemoText => ({ written: 'en', en, uk, ru });
/** A text Ukraine wrote, with its English and Russian. */
const uk = (uk: string, en: string, ru: string): DemoText => ({ written: 'uk', en, uk, ru });
/** A text Russia wrote, with its English and Ukrainian. */
const ru = (ru: string, en: string, uk: string): DemoText => ({ written: 'ru', en, uk, ru });

/** The text as the record holds it: in the language it was written in. */
export const asWritten = (text: DemoText): string => text[text.written];

/** A demo round; `agreement` names the agreement an outcome produced, when the demo has it. */
export interface DemoRound {
  date: string;
  venue: DemoText;
  mediators: string[];
  delegations: Array<{ party: string; head: DemoText; members: string[] }>;
  durationMinutes: number;
  summary: DemoText;
  outcomes: Array<{ text: DemoText; agreement?: string }>;
}

export interface DemoDocument {
  title: DemoText;
  author: string;
  tabledOn: string;
  /** The round it was tabled at, by date. */
  round: string;
  points: Array<{
    label: string;
    kind: PointKind;
    text: DemoText;
    /** The other party's position, when it has taken one, in that party's language. */
    answer?: { stance: Stance; conditions?: DemoText; statedOn: string; source: DemoText };
  }>;
}

export interface DemoCeasefire {
  name: DemoText;
  kind: CeasefireKind;
  scope: CeasefireScope[];
  geography: DemoText;
  durationDays: number;
  extension: DemoText | null;
  monitoringBody: DemoText | null;
  proposedBy: string;
  proposedOn: string;
  /** Preconditions, as (document, point label). */
  preconditions: Array<[DemoText, string]>;
}

const DOLMABAHCE = en(
  'Dolmabahçe Palace, Istanbul',
  'Палац Долмабахче, Стамбул',
  'Дворец Долмабахче, Стамбул',
);
const CIRAGAN = en('Çırağan Palace, Istanbul', 'Палац Чираган, Стамбул', 'Дворец Чыраган, Стамбул');
const DELEGATIONS = [
  { party: 'UA', head: en('Rustem Umerov', 'Рустем Умєров', 'Рустем Умеров'), members: [] },
  {
    party: 'RU',
    head: en('Vladimir Medinsky', 'Володимир Мединський', 'Владимир Мединский'),
    members: [],
  },
];
const UA_MEMO = en(
  "Ukraine's memorandum, 2 June 2025",
  'Меморандум України, 2 червня 2025',
  'Меморандум Украины, 2 июня 2025',
);
const RU_MEMO = en(
  "Russia's memorandum, 2 June 2025",
  'Меморандум Росії, 2 червня 2025',
  'Меморандум России, 2 июня 2025',
);

/** The direct talks of 2025 in Istanbul (DOMAIN.md, "The situation" and "Talks and ceasefires"). */
export const DEMO_ROUNDS: DemoRound[] = [
  {
    date: '2025-05-16',
    venue: DOLMABAHCE,
    mediators: ['TR', 'US'],
    delegations: DELEGATIONS,
    durationMinutes: 100,
    summary: en(
      'The first direct talks since 2022, hosted by Türkiye with the US involved.',
      'Перші прямі переговори з 2022 року, за посередництва Туреччини та за участі США.',
      'Первые прямые переговоры с 2022 года при посредничестве Турции и с участием США.',
    ),
    outcomes: [
      {
        text: en(
          'An exchange of 1,000 for 1,000, military and civilians (carried out 23–25 May in three stages of 390, 307 and 303)',
          'Обмін 1000 на 1000, військові та цивільні (проведено 23–25 травня трьома етапами: 390, 307 і 303)',
          'Обмен 1000 на 1000, военные и гражданские (проведён 23–25 мая тремя этапами: 390, 307 и 303)',
        ),
        agreement: 'Istanbul, 16 May 2025',
      },
      {
        text: en(
          'Each side to set out its vision of a ceasefire in a memorandum',
          'Кожна сторона викладе своє бачення припинення вогню в меморандумі',
          'Каждая сторона изложит своё видение прекращения огня в меморандуме',
        ),
      },
    ],
  },
  {
    date: '2025-06-02',
    venue: CIRAGAN,
    mediators: ['TR'],
    delegations: DELEGATIONS,
    durationMinutes: 60,
    summary: en(
      'Each side tabled its memorandum of ceasefire terms.',
      'Кожна сторона представила свій меморандум з умовами припинення вогню.',
      'Каждая сторона представила свой меморандум с условиями прекращения огня.',
    ),
    outcomes: [
      {
        text: en(
          'All-for-all exchange of the seriously wounded and seriously sick, and of young servicemen aged 18 to 25',
          'Обмін «всіх на всіх» тяжкопоранених і тяжкохворих, а також молодих військовослужбовців віком від 18 до 25 років',
          'Обмен «всех на всех» тяжелоранеными и тяжелобольными, а также молодыми военнослужащими в возрасте от 18 до 25 лет',
        ),
        agreement: 'Istanbul, 2 June 2025',
      },
      {
        text: en(
          'Return of 6,000 bodies for 6,000 bodies',
          'Повернення 6000 тіл на 6000 тіл',
          'Возвращение 6000 тел на 6000 тел',
        ),
      },
    ],
  },
  {
    date: '2025-07-23',
    venue: CIRAGAN,
    mediators: ['TR'],
    delegations: DELEGATIONS,
    durationMinutes: 40,
    summary: en(
      'The third round; the memoranda stood apart.',
      'Третій раунд; меморандуми лишилися далекими один від одного.',
      'Третий раунд; меморандумы остались далеки друг от друга.',
    ),
    outcomes: [
      {
        text: en(
          'A further exchange of prisoners agreed',
          'Домовлено про ще один обмін полоненими',
          'Достигнута договорённость о новом обмене пленными',
        ),
      },
    ],
  },
];

/** Russia's answers to Ukraine's points cite its memorandum or the round, in Russian. */
const BY_RU_MEMO = ru('Меморандум России, 2 июня 2025', RU_MEMO.en, RU_MEMO.uk);
const AT_ROUND_2_RU = ru('раунд 2 июня 2025', 'round of 2 June 2025', 'раунд 2 червня 2025');
/** Ukraine's answers to Russia's points cite its memorandum or the round, in Ukrainian. */
const BY_UA_MEMO = uk('Меморандум України, 2 червня 2025', UA_MEMO.en, UA_MEMO.ru);
const AT_ROUND_2_UK = uk('раунд 2 червня 2025', 'round of 2 June 2025', 'раунд 2 июня 2025');

/**
 * Both memoranda of 2 June 2025 as numbered points, each in its author's language, with the other
 * side's positions (in that side's language) where known.
 */
export const DEMO_DOCUMENTS: DemoDocument[] = [
  {
    title: UA_MEMO,
    author: 'UA',
    tabledOn: '2025-06-02',
    round: '2025-06-02',
    points: [
      {
        label: '1',
        kind: 'ceasefire',
        text: uk(
          'Повне й безумовне припинення вогню на суші, у повітрі та на морі щонайменше на 30 днів, з можливістю продовження',
          'A complete and unconditional ceasefire on land, in the air and at sea for at least 30 days, extendable',
          'Полное и безоговорочное прекращение огня на суше, в воздухе и на море не менее чем на 30 дней, с возможностью продления',
        ),
        answer: {
          stance: 'accepts_with_conditions',
          conditions: ru(
            'только после выполнения предварительных условий собственного меморандума (вариант 1 или вариант 2)',
            'only after the preconditions of its own memorandum (option 1 or option 2)',
            'лише після виконання передумов власного меморандуму (варіант 1 або варіант 2)',
          ),
          statedOn: '2025-06-02',
          source: BY_RU_MEMO,
        },
      },
      {
        label: '2',
        kind: 'ceasefire',
        text: uk(
          'Моніторинг під керівництвом США за участі третіх країн',
          'Monitoring led by the US with the participation of third countries',
          'Мониторинг под руководством США с участием третьих стран',
        ),
        answer: {
          stance: 'rejects',
          statedOn: '2025-06-02',
          source: ru(
            'Меморандум России, 2 июня 2025: вместо этого двусторонний центр мониторинга',
            `${RU_MEMO.en}: a bilateral monitoring centre instead`,
            'Меморандум Росії, 2 червня 2025: натомість двосторонній центр моніторингу',
          ),
        },
      },
      {
        label: '3',
        kind: 'humanitarian',
        text: uk(
          'Обмін полоненими «всіх на всіх»',
          'An all-for-all exchange of prisoners',
          'Обмен пленными «всех на всех»',
        ),
        answer: {
          stance: 'accepts_with_conditions',
          conditions: ru(
            'всех на всех в двух категориях: тяжелораненые и тяжелобольные, а также лица в возрасте от 18 до 25 лет',
            'all for all in two categories: the seriously wounded and sick, and those aged 18 to 25',
            'всіх на всіх у двох категоріях: тяжкопоранені й тяжкохворі, а також особи віком від 18 до 25 років',
          ),
          statedOn: '2025-06-02',
          source: AT_ROUND_2_RU,
        },
      },
      {
        label: '4',
        kind: 'humanitarian',
        text: uk(
          'Повернення депортованих дітей і цивільних заручників',
          'Return of deported children and civilian hostages',
          'Возвращение депортированных детей и гражданских заложников',
        ),
      },
      {
        label: '5',
        kind: 'security_guarantee',
        text: uk(
          'Гарантії безпеки для України',
          'Security guarantees for Ukraine',
          'Гарантии безопасности для Украины',
        ),
      },
      {
        label: '6',
        kind: 'territory',
        text: uk(
          'Лінія зіткнення як відправна точка переговорів щодо території',
          'The contact line as the starting point of negotiations on territory',
          'Линия соприкосновения как отправная точка переговоров о территории',
        ),
        answer: {
          stance: 'rejects',
          statedOn: '2025-06-02',
          source: ru(
            'Меморандум России, 2 июня 2025, вариант 1: вывод войск из четырёх областей',
            `${RU_MEMO.en}, option 1: withdrawal from four regions`,
            'Меморандум Росії, 2 червня 2025, варіант 1: виведення військ із чотирьох областей',
          ),
        },
      },
      {
        label: '7',
        kind: 'sanctions',
        text: uk(
          'Поетапне зняття санкцій з механізмом їх автоматичного відновлення',
          'Sanctions lifted in stages, with snap-back',
          'Поэтапная отмена санкций с механизмом их автоматического восстановления',
        ),
      },
      {
        label: '8',
        kind: 'sequence_step',
        text: uk('Зустріч лідерів', "A leaders' meeting", 'Встреча лидеров'),
      },
    ],
  },
  {
    title: RU_MEMO,
    author: 'RU',
    tabledOn: '2025-06-02',
    round: '2025-06-02',
    points: [
      {
        label: '1',
        kind: 'precondition',
        text: ru(
          'Вариант 1: вывод вооружённых сил Украины из четырёх областей',
          "Option 1: withdrawal of Ukraine's forces from four regions",
          'Варіант 1: виведення збройних сил України з чотирьох областей',
        ),
        answer: { stance: 'rejects', statedOn: '2025-06-02', source: BY_UA_MEMO },
      },
      {
        label: '2',
        kind: 'precondition',
        text: ru(
          'Вариант 2: пакет из 10 пунктов (2.1–2.7 ниже)',
          'Option 2: a 10-point package (2.1–2.7 below)',
          'Варіант 2: пакет із 10 пунктів (2.1–2.7 нижче)',
        ),
        answer: {
          stance: 'rejects',
          statedOn: '2025-06-02',
          source: uk(
            'Меморандум України, 2 червня 2025: припинення вогню без умов',
            `${UA_MEMO.en}: a ceasefire without conditions`,
            'Меморандум Украины, 2 июня 2025: прекращение огня без условий',
          ),
        },
      },
      {
        label: '2.1',
        kind: 'precondition',
        text: ru(
          'Запрет на передислокацию войск',
          'No redeployment of forces',
          'Заборона на передислокацію військ',
        ),
      },
      {
        label: '2.2',
        kind: 'precondition',
        text: ru('Демобилизация', 'Demobilisation', 'Демобілізація'),
      },
      {
        label: '2.3',
        kind: 'precondition',
        text: ru(
          'Прекращение иностранной военной помощи и передачи разведданных',
          'No foreign military aid or intelligence',
          'Припинення іноземної військової допомоги та передачі розвідданих',
        ),
      },
      {
        label: '2.4',
        kind: 'ceasefire',
        text: ru(
          'Двусторонний центр мониторинга прекращения огня',
          'A bilateral ceasefire monitoring centre',
          'Двосторонній центр моніторингу припинення вогню',
        ),
      },
      { label: '2.5', kind: 'humanitarian', text: ru('Амнистия', 'Amnesty', 'Амністія') },
      {
        label: '2.6',
        kind: 'precondition',
        text: ru('Отмена военного положения', 'End of martial law', 'Скасування воєнного стану'),
      },
      {
        label: '2.7',
        kind: 'precondition',
        text: ru(
          'Выборы в течение 100 дней',
          'Elections within 100 days',
          'Вибори протягом 100 днів',
        ),
      },
      {
        label: '3',
        kind: 'ceasefire',
        text: ru(
          'Затем прекращение огня на 30 дней, в течение которых должен быть полностью выполнен вариант 1 или вариант 2',
          'Then a 30-day ceasefire, within which all of option 1 or option 2 must be done',
          'Потім припинення вогню на 30 днів, протягом яких має бути повністю виконано варіант 1 або варіант 2',
        ),
        answer: {
          stance: 'rejects',
          statedOn: '2025-06-02',
          source: uk(
            'Меморандум України, 2 червня 2025: безумовне, щонайменше на 30 днів',
            `${UA_MEMO.en}: unconditional, at least 30 days`,
            'Меморандум Украины, 2 июня 2025: безоговорочное, не менее чем на 30 дней',
          ),
        },
      },
      {
        label: '4.1',
        kind: 'sequence_step',
        text: ru(
          'Локальные перемирия на 2–3 дня для сбора тел погибших',
          'Local truces of 2–3 days to collect the bodies of the dead',
          'Локальні перемир’я на 2–3 дні для збору тіл загиблих',
        ),
      },
      {
        label: '4.2',
        kind: 'humanitarian',
        text: ru('Передача 6000 тел', 'Return of 6,000 bodies', 'Передача 6000 тіл'),
        answer: { stance: 'accepts', statedOn: '2025-06-02', source: AT_ROUND_2_UK },
      },
      {
        label: '4.3',
        kind: 'sequence_step',
        text: ru(
          'Меморандум о прекращении огня',
          'A memorandum on the ceasefire',
          'Меморандум про припинення вогню',
        ),
      },
      { label: '4.4', kind: 'sequence_step', text: ru('Выборы', 'Elections', 'Вибори') },
      {
        label: '4.5',
        kind: 'sequence_step',
        text: ru('Мирный договор', 'A peace treaty', 'Мирний договір'),
      },
      {
        label: '4.6',
        kind: 'sequence_step',
        text: ru(
          'Резолюция Совета Безопасности ООН',
          'A UN Security Council resolution',
          'Резолюція Ради Безпеки ООН',
        ),
      },
      {
        label: '4.7',
        kind: 'sequence_step',
        text: ru('Ратификация', 'Ratification', 'Ратифікація'),
      },
    ],
  },
];

/** The regimes the memoranda propose, as the mediator's secretariat recorded them. */
export const DEMO_CEASEFIRES: DemoCeasefire[] = [
  {
    name: en(
      'Complete ceasefire (Ukrainian memorandum)',
      'Повне припинення вогню (український меморандум)',
      'Полное прекращение огня (украинский меморандум)',
    ),
    kind: 'general',
    scope: ['land', 'air', 'sea'],
    geography: en(
      'the whole contact line, the airspace and the sea',
      'уся лінія зіткнення, повітряний простір і море',
      'вся линия соприкосновения, воздушное пространство и море',
    ),
    durationDays: 30,
    extension: en('extendable', 'з можливістю продовження', 'с возможностью продления'),
    monitoringBody: en(
      'led by the US, with third countries',
      'під керівництвом США, за участі третіх країн',
      'под руководством США, с участием третьих стран',
    ),
    proposedBy: 'UA',
    proposedOn: '2025-06-02',
    preconditions: [],
  },
  {
    name: en(
      '30-day ceasefire (Russian memorandum)',
      'Припинення вогню на 30 днів (російський меморандум)',
      'Прекращение огня на 30 дней (российский меморандум)',
    ),
    kind: 'general',
    scope: ['land', 'air', 'sea'],
    geography: en('the whole contact line', 'уся лінія зіткнення', 'вся линия соприкосновения'),
    durationDays: 30,
    extension: null,
    monitoringBody: en(
      'a bilateral monitoring centre',
      'двосторонній центр моніторингу',
      'двусторонний центр мониторинга',
    ),
    proposedBy: 'RU',
    proposedOn: '2025-06-02',
    preconditions: [
      [RU_MEMO, '1'],
      [RU_MEMO, '2'],
    ],
  },
  {
    name: en(
      'Local truces to collect bodies (Russian memorandum)',
      'Локальні перемир’я для збору тіл (російський меморандум)',
      'Локальные перемирия для сбора тел (российский меморандум)',
    ),
    kind: 'local',
    scope: ['land'],
    geography: en(
      'sectors of the contact line where the bodies lie',
      'ділянки лінії зіткнення, де лежать тіла',
      'участки линии соприкосновения, где находятся тела',
    ),
    durationDays: 3,
    extension: null,
    monitoringBody: null,
    proposedBy: 'RU',
    proposedOn: '2025-06-02',
    preconditions: [],
  },
];

/** Every text of the talks' demo, for the translation memory (each once). */
export function demoTexts(): DemoText[] {
  const texts: Array<DemoText | null | undefined> = [];
  for (const round of DEMO_ROUNDS)
    texts.push(
      round.venue,
      round.summary,
      ...round.delegations.map((d) => d.head),
      ...round.outcomes.map((o) => o.text),
    );
  for (const document of DEMO_DOCUMENTS) {
    texts.push(document.title);
    for (const point of document.points)
      texts.push(point.text, point.answer?.conditions, point.answer?.source);
  }
  for (const regime of DEMO_CEASEFIRES)
    texts.push(regime.name, regime.geography, regime.extension, regime.monitoringBody);
  const unique = new Map<string, DemoText>();
  for (const text of texts) if (text) unique.set(asWritten(text), text);
  return [...unique.values()];
}
