import { GraphQLError } from 'graphql';
import { createSchema, createYoga, type Plugin, type YogaInitialContext } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { validationCache } from '../../src/http/validation-cache.js';

// A server with the cache, counting how often documents are validated, and refusing a request
// whose variables ask for it after validation, as the cost does.
function serverWithCache() {
  let validations = 0;
  const counting: Plugin = {
    onValidate({ validateFn, setValidationFn }) {
      setValidationFn((...args) => {
        validations += 1;
        return validateFn(...args);
      });
    },
  };
  const refusing: Plugin = {
    onValidate({ context }) {
      return ({ setResult }) => {
        if ((context as YogaInitialContext).params.variables?.refuse) setResult([new GraphQLError('refused for this request')]);
      };
    },
  };
  const yoga = createYoga({
    schema: createSchema({ typeDefs: 'type Query { hello(name: String): String! }', resolvers: { Query: { hello: () => 'hi' } } }),
    parserAndValidationCache: { validationCache: false },
    plugins: [counting, validationCache(), refusing],
  });
  const query = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: unknown; errors?: { message: string }[] };
  };
  return { query, validations: () => validations };
}

describe('the validation cache', () => {
  it('validates a document once, however often it is asked', async () => {
    const server = serverWithCache();
    for (let i = 0; i < 3; i++) expect(await server.query('{ hello }')).toEqual({ data: { hello: 'hi' } });
    expect(server.validations()).toBe(1);
  });

  it('keeps a document’s own errors', async () => {
    const server = serverWithCache();
    const first = await server.query('{ hullo }');
    expect(first.errors?.[0]?.message).toMatch(/Cannot query field "hullo"/);
    expect(await server.query('{ hullo }')).toEqual(first);
    expect(server.validations()).toBe(1);
  });

  it('does not keep what a later plugin refused for one request', async () => {
    const server = serverWithCache();
    const query = '{ hello }';
    expect((await server.query(query, { refuse: true })).errors?.[0]?.message).toBe('refused for this request');
    expect(await server.query(query, { refuse: false })).toEqual({ data: { hello: 'hi' } });
    expect(server.validations()).toBe(1);
  });
});
