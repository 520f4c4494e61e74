export * from './cty-type';
export * from './value';
export * from './msgpack-codec';
export * from './json-codec';
export * from './object-view';
