import { createContext, useContext } from 'react';

/** The signed-in user's bearer token, for the requests Apollo does not make (file exports, uploads). */
export const TokenContext = createContext<() => string>(() => '');

export const useToken = (): (() => string) => useContext(TokenContext);
