import type { CloseReason, Language } from '@parley/kernel/inquiry';
import type { FamilyView } from './family-view.ts';

/** The letters a bureau sends the inquirer: that the inquiry was received, and where it stands. */
export const LETTER_KINDS = ['received', 'status'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

/** What a letter says, and to whom: the inquirer's own name, never anyone else's. */
export interface LetterFacts {
  readonly kind: LetterKind;
  readonly language: Language;
  readonly inquirerName: string;
  /** The inquiry's number at the bureau, e.g. UA-17. */
  readonly inquiry: string;
  readonly receivedOn: string;
  /** The status as the family may be told it (familyViewOf). */
  readonly view: FamilyView;
  /** The day the letter is written. */
  readonly writtenOn: string;
}

/** A letter as printed: its heading, date line, salutation, paragraphs and closing. */
export interface Letter {
  readonly title: string;
  readonly dateLine: string;
  readonly salutation: string;
  readonly paragraphs: readonly string[];
  readonly closing: string;
}

interface Template {
  title: Record<LetterKind, string>;
  dateLine: (date: string) => string;
  salutation: (name: string) => string;
  received: (inquiry: string, date: string) => string[];
  status: Record<FamilyView['status'], (since: string, handedOverOn: string | null) => string>;
  statusIntro: (inquiry: string, date: string) => string;
  closeReason: Record<CloseReason, string>;
  closing: string;
}

const TEMPLATES: Record<Language, Template> = {
  en: {
    title: { received: 'Your inquiry has been received', status: 'Your inquiry: where it stands' },
    dateLine: (date) => `Written on ${date}`,
    salutation: (name) => `Dear ${name},`,
    received: (inquiry, date) => [
      `We received your inquiry on ${date}. Its number is ${inquiry}; please give it whenever you write to us.`,
      'Your inquiry is compared with every list the parties exchange, and we will write to you as soon as there is news that may be told. What you told us is used only to trace your relative and is not passed to the other side without a legal basis.',
    ],
    statusIntro: (inquiry, date) => `This is where your inquiry ${inquiry} stands on ${date}.`,
    status: {
      no_information: () =>
        'There is no information yet. Your inquiry is compared with every new list; we will write to you when there is news.',
      acknowledged: (since) => `Since ${since}, the other side has confirmed that it holds him.`,
      on_stage: (since) => `Since ${since}, he is on the list of an agreed exchange.`,
      handed_over: (since, on) => `He was handed over on ${on ?? since}.`,
      remains_identified: (since) =>
        `On ${since}, remains were identified. We will contact you to tell you more in person.`,
      closed: (since) => `Your inquiry was closed on ${since}.`,
    },
    closeReason: {
      answered: 'It was answered.',
      withdrawn_by_family: "It was withdrawn at the family's request.",
      merged: 'It was joined with another inquiry about the same person.',
      found_outside_parley: 'He was found by other means.',
      other: 'Please ask us for the reason.',
    },
    closing: 'With our regards, the National Information Bureau',
  },
  uk: {
    title: { received: 'Ваш запит отримано', status: 'Ваш запит: на якому він етапі' },
    dateLine: (date) => `Дата листа: ${date}`,
    salutation: (name) => `Шановна (-ий) ${name},`,
    received: (inquiry, date) => [
      `Ми отримали ваш запит ${date}. Його номер — ${inquiry}; будь ласка, зазначайте його, коли пишете нам.`,
      'Ваш запит звіряють з кожним списком, яким обмінюються сторони, і ми напишемо вам, щойно з’являться новини, які можна повідомити. Те, що ви нам розповіли, використовується лише для розшуку вашого родича і не передається іншій стороні без правової підстави.',
    ],
    statusIntro: (inquiry, date) => `Ось на якому етапі ваш запит ${inquiry} станом на ${date}.`,
    status: {
      no_information: () =>
        'Відомостей поки немає. Ваш запит звіряють з кожним новим списком; ми напишемо вам, щойно будуть новини.',
      acknowledged: (since) => `З ${since} інша сторона підтверджує, що утримує його.`,
      on_stage: (since) => `З ${since} він у списку погодженого обміну.`,
      handed_over: (since, on) => `Його передано ${on ?? since}.`,
      remains_identified: (since) =>
        `${since} ідентифіковано останки. Ми зв’яжемося з вами, щоб розповісти більше особисто.`,
      closed: (since) => `Ваш запит закрито ${since}.`,
    },
    closeReason: {
      answered: 'На нього дано відповідь.',
      withdrawn_by_family: 'Його відкликано на прохання родини.',
      merged: 'Його об’єднано з іншим запитом про ту саму особу.',
      found_outside_parley: 'Його знайдено в інший спосіб.',
      other: 'Про причину, будь ласка, запитайте в нас.',
    },
    closing: 'З повагою, Національне інформаційне бюро',
  },
  ru: {
    title: { received: 'Ваш запрос получен', status: 'Ваш запрос: на каком он этапе' },
    dateLine: (date) => `Дата письма: ${date}`,
    salutation: (name) => `Уважаемая (-ый) ${name},`,
    received: (inquiry, date) => [
      `Мы получили ваш запрос ${date}. Его номер — ${inquiry}; пожалуйста, указывайте его, когда пишете нам.`,
      'Ваш запрос сверяют с каждым списком, которым обмениваются стороны, и мы напишем вам, как только появятся новости, которые можно сообщить. То, что вы нам рассказали, используется только для розыска вашего родственника и не передаётся другой стороне без правового основания.',
    ],
    statusIntro: (inquiry, date) => `Вот на каком этапе ваш запрос ${inquiry} на ${date}.`,
    status: {
      no_information: () =>
        'Сведений пока нет. Ваш запрос сверяют с каждым новым списком; мы напишем вам, как только будут новости.',
      acknowledged: (since) => `С ${since} другая сторона подтверждает, что содержит его.`,
      on_stage: (since) => `С ${since} он в списке согласованного обмена.`,
      handed_over: (since, on) => `Его передали ${on ?? since}.`,
      remains_identified: (since) =>
        `${since} идентифицированы останки. Мы свяжемся с вами, чтобы рассказать больше лично.`,
      closed: (since) => `Ваш запрос закрыт ${since}.`,
    },
    closeReason: {
      answered: 'На него дан ответ.',
      withdrawn_by_family: 'Он отозван по просьбе семьи.',
      merged: 'Он объединён с другим запросом о том же человеке.',
      found_outside_parley: 'Его нашли другим путём.',
      other: 'О причине, пожалуйста, спросите у нас.',
    },
    closing: 'С уважением, Национальное информационное бюро',
  },
};

/** A calendar day (YYYY-MM-DD) as the language writes it: 20.05.2025, or 20 May 2025. */
export function writtenDay(day: string, language: Language): string {
  const [year, month, date] = day.slice(0, 10).split('-');
  if (language !== 'en') return `${date}.${month}.${year}`;
  const name = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' }).format(
    new Date(`${day.slice(0, 10)}T00:00:00Z`),
  );
  return `${Number(date)} ${name} ${year}`;
}

/**
 * The letter to the inquirer in its language, from the templates: it tells only what the family
 * view allows (nothing of the other side before the mediator released it) and names no one but
 * the inquirer.
 */
export function letterOf(facts: LetterFacts): Letter {
  const template = TEMPLATES[facts.language];
  const day = (d: string) => writtenDay(d, facts.language);
  const { view } = facts;
  const paragraphs =
    facts.kind === 'received'
      ? template.received(facts.inquiry, day(facts.receivedOn))
      : [
          template.statusIntro(facts.inquiry, day(facts.writtenOn)),
          template.status[view.status](
            day(view.since),
            view.handedOverOn ? day(view.handedOverOn) : null,
          ),
          ...(view.closeReason ? [template.closeReason[view.closeReason]] : []),
        ];
  return {
    title: template.title[facts.kind],
    dateLine: template.dateLine(day(facts.writtenOn)),
    salutation: template.salutation(facts.inquirerName),
    paragraphs,
    closing: template.closing,
  };
}
