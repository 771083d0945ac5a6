/** The prelude: helper subs a generated module carries only when its code uses them. */

/**
 * Helpers emitted into a generated module only when used, for TS operations whose Perl
 * spelling needs a statement. Each is a lexical `my sub`, like upstream's private helpers.
 */
export const PRELUDE = {
  split_fields: {
    comment: "String.split of the TS model: fields between separators; '' gives one empty field.",
    params: ['separator', 'text'],
    body: ["return ('') if $text eq '';", 'return split($separator, $text, -1);'],
  },
} as const;
