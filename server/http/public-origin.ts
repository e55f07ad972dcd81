import type { FastifyRequest } from 'fastify';

/**
 * The hall server's address as the caller reached it (`https://192.168.1.10:7420`): links printed
 * for a kiosk (tracking page, survey) point where that kiosk's page came from, so a phone on the
 * hall's network reaches them the same way.
 */
export const publicOrigin = (request: FastifyRequest): string => `${request.protocol}://${request.host}`;
