import { createServer } from "node:http";

const orders = new Map();

createServer((req, res) => {
  if (req.url === "/healthz") return res.end("ok");
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify([...orders.values()]));
}).listen(8080);
