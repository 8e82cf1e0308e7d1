import { IntlMessageFormat } from 'intl-messageformat';

/** A message precompiled at build time (vite.config.ts, precompileMessages): the parser's AST. */
export type MessageAst = ReturnType<IntlMessageFormat['getAst']>;
export type MessageValues = Record<string, string | number>;

// intl-messageformat resolves the locale of every message it is given through
// Intl.NumberFormat.supportedLocalesOf, whose first call loads the list of every locale the
// browser knows: most of the sign-in page's first render on a phone (about 80 ms unthrottled).
// The app's locales ('en', 'ar-u-nu-arab', 'ar-u-nu-latn') are always supported: taken as given.
// The resolved locale only feeds the ICU parser (not shipped) and resolvedOptions().
IntlMessageFormat.resolveLocale = (locales) => new Intl.Locale(Array.isArray(locales) ? (locales[0] ?? 'en') : locales);

/** The arguments a plural or select form is chosen by: they stay numbers for ICU. */
function countedArgumentsOf(ast: MessageAst, into = new Set<string>()): Set<string> {
  for (const element of ast) {
    if ('options' in element && typeof element.options === 'object') {
      into.add(element.value);
      for (const option of Object.values(element.options)) countedArgumentsOf(option.value, into);
    } else if ('children' in element) {
      countedArgumentsOf(element.children, into);
    }
  }
  return into;
}

/**
 * Formats the ICU messages of one dictionary for one locale (a BCP 47 tag, digits included):
 * a plain `{n}` is written with the locale's digits, a plural's `#` by ICU. Each message is
 * parsed once. Shared by the app and by the browser tests, so both write the same words.
 * The built app's messages come already parsed (an AST, see vite.config.ts), and it carries
 * no ICU parser; tests and the dev server give the strings themselves.
 */
export function createMessageFormatter<Key extends string>(
  dictionary: Partial<Record<Key, string | MessageAst>>,
  intlLocale: string,
): (key: Key, values?: MessageValues) => string {
  let numbers: Intl.NumberFormat | undefined;
  const formats = new Map<Key, { format: IntlMessageFormat; countedArguments: Set<string> }>();
  return (key, values = {}) => {
    let entry = formats.get(key);
    if (!entry) {
      const template = dictionary[key];
      // Words not loaded (a test without them): the key itself, visibly.
      if (template === undefined) return key;
      const format = new IntlMessageFormat(template, intlLocale);
      entry = { format, countedArguments: countedArgumentsOf(format.getAst()) };
      formats.set(key, entry);
    }
    const prepared: MessageValues = {};
    for (const [name, value] of Object.entries(values)) {
      prepared[name] = typeof value === 'number' && !entry.countedArguments.has(name) ? (numbers ??= new Intl.NumberFormat(intlLocale)).format(value) : value;
    }
    return String(entry.format.format(prepared));
  };
}
