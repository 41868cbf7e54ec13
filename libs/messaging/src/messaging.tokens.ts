export const MESSAGING_OPTIONS = Symbol('webbyflow:messaging-options');
export const NATS_CONNECTION = Symbol('webbyflow:nats-connection');
