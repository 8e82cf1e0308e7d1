// The physical limit of a read (issue 16): a minimal hand-written HTTP handler that answers each
// POST with the JSON one SQL statement builds, through `pg`. No framework, no GraphQL, no ORM, no
// sign-in check. Run as its own process (so that autocannon does not share its core):
//   node pg-handler.mjs   with DATABASE_URL, STATEMENT (the read's one statement), POOL_MAX.
// Prints {"port": n} on stdout once it listens.
import { Buffer } from 'node:buffer';
import { createServer } from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_MAX ?? 32) });
const statement = process.env.STATEMENT;

const server = createServer((req, res) => {
  // Read (and drop) the body, as a GraphQL server must before it answers.
  req.on('data', () => undefined);
  req.on('end', () => {
    pool.query(statement).then(
      (result) => {
        const body = JSON.stringify({ data: result.rows[0] ?? null });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      },
      (error) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ message: String(error.message) }] }));
      },
    );
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`));
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
