import { validate, ValuesOfCorrectTypeRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * A value of the wrong type written into the query (an unknown enum value, a date that is not
 * one) is bad input, like the same value passed as a variable, rather than a malformed query.
 */
export function badValuesAsUserInput(): Plugin {
  return {
    onValidate({ params }) {
      return ({ valid, result }) => {
        if (valid) return;
        const badValues = new Set(validate(params.schema, params.documentAST, [ValuesOfCorrectTypeRule]).map((e) => e.message));
        for (const error of result) {
          if (badValues.has(error.message)) (error.extensions as Record<string, unknown>).code = 'BAD_USER_INPUT';
        }
      };
    },
  };
}
