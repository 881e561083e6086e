// ali-oss ships no type declarations; the tests use it as an untyped client.
declare module 'ali-oss';
