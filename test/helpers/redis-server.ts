/** The tests' real Redis: see tools/redis/redis-server.ts (shared with the bench). */
export { redisAvailable, redisServerBinary, startRedis, type TestRedis } from "../../tools/redis/redis-server.js";
