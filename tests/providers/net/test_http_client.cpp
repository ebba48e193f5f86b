#include <doctest/doctest.h>

#include <atomic>
#include <future>
#include <mutex>

#include "fakes/loopback_http.h"
#include "providers/net/event_loop.h"
#include "providers/net/http_client.h"

using namespace std::chrono_literals;
using voxdesk::Code;
using voxdesk::Status;
using voxdesk::fakes::LoopbackHttp;
using voxdesk::providers::net::CircuitBreaker;
using voxdesk::providers::net::CircuitBreakerOptions;
using voxdesk::providers::net::EventLoop;
using voxdesk::providers::net::FindHeader;
using voxdesk::providers::net::Headers;
using voxdesk::providers::net::HttpHandlers;
using voxdesk::providers::net::HttpRequest;
using voxdesk::providers::net::HttpResult;
using voxdesk::providers::net::ParseRetryAfter;

namespace {

struct Outcome {
  Status status;
  HttpResult result;
  std::vector<std::string> pieces;  // what on_body saw
  int head_status = 0;
};

// Runs one request on `loop` and waits for on_done. `cancel_after_pieces`
// cancels from inside on_body; the outcome then comes from a timer.
Outcome Fetch(EventLoop& loop, HttpRequest req, bool stream = false) {
  auto out = std::make_shared<Outcome>();
  std::promise<void> done;
  loop.Post([&, req = std::move(req)]() mutable {
    HttpHandlers h;
    h.on_head = [out](int status, const Headers&) { out->head_status = status; };
    if (stream) h.on_body = [out](std::string_view piece) { out->pieces.emplace_back(piece); };
    h.on_done = [out, &done](const Status& st, HttpResult& r) {
      out->status = st;
      out->result = std::move(r);
      done.set_value();
    };
    loop.http().Start(std::move(req), std::move(h));
  });
  done.get_future().get();
  return std::move(*out);
}

HttpRequest Get(const std::string& url) {
  HttpRequest r;
  r.url = url;
  r.retry.base = 1ms;
  r.retry.cap = 5ms;
  r.retry.max_retries = 3;
  return r;
}

std::unique_ptr<EventLoop> NewLoop() {
  auto loop = EventLoop::Start();
  REQUIRE(loop.ok());
  return std::move(loop).value();
}

}  // namespace

TEST_CASE("http client: a GET returns status, headers and the buffered body") {
  LoopbackHttp server;
  server.server().Get("/hello", [](const httplib::Request& req, httplib::Response& res) {
    res.set_header("X-Echo", req.get_header_value("X-Key"));
    res.set_content("hello there", "text/plain");
  });
  REQUIRE(server.Start());
  auto loop = NewLoop();
  HttpRequest req = Get(server.url("/hello?token=secret"));
  req.headers = {{"X-Key", "abc"}};
  Outcome o = Fetch(*loop, req);
  CHECK(o.status.ok());
  CHECK(o.result.status == 200);
  CHECK(o.result.body == "hello there");
  CHECK(FindHeader(o.result.headers, "x-echo") == "abc");
  CHECK(o.result.attempts == 1);
}

TEST_CASE("http client: a POST sends its body and its headers") {
  LoopbackHttp server;
  server.server().Post("/echo", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content(req.body + "|" + req.get_header_value("Content-Type"), "text/plain");
  });
  REQUIRE(server.Start());
  auto loop = NewLoop();
  HttpRequest req = Get(server.url("/echo"));
  req.method = "POST";
  req.body = R"({"a":1})";
  req.headers = {{"Content-Type", "application/json"}};
  Outcome o = Fetch(*loop, req);
  CHECK(o.status.ok());
  CHECK(o.result.body == R"({"a":1}|application/json)");
}

TEST_CASE("http client: a streamed 2xx body arrives piece by piece through on_body") {
  LoopbackHttp server;
  server.server().Get("/stream", [&](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("text/event-stream", [&](size_t, httplib::DataSink& sink) {
      for (int i = 0; i < 5; ++i) {
        const std::string ev = "data: " + std::to_string(i) + "\n\n";
        sink.write(ev.data(), ev.size());
        server.Stall(20ms);
      }
      sink.done();
      return true;
    });
  });
  REQUIRE(server.Start());
  auto loop = NewLoop();
  Outcome o = Fetch(*loop, Get(server.url("/stream")), /*stream=*/true);
  CHECK(o.status.ok());
  CHECK(o.head_status == 200);
  std::string joined;
  for (const auto& p : o.pieces) joined += p;
  CHECK(joined == "data: 0\n\ndata: 1\n\ndata: 2\n\ndata: 3\n\ndata: 4\n\n");
  CHECK(o.pieces.size() >= 2);  // streamed, not buffered to the end
  CHECK(o.result.body.empty());
}

TEST_CASE("http client: a 4xx is not retried and its body stays out of on_body") {
  LoopbackHttp server;
  std::atomic<int> hits{0};
  server.server().Get("/missing", [&](const httplib::Request&, httplib::Response& res) {
    ++hits;
    res.status = 404;
    res.set_content(R"({"error":"no such model"})", "application/json");
  });
  REQUIRE(server.Start());
  auto loop = NewLoop();
  Outcome o = Fetch(*loop, Get(server.url("/missing")), /*stream=*/true);
  CHECK(o.status.code() == Code::kInvalidArgument);
  CHECK(o.status.message().find("HTTP 404") != std::string::npos);
  CHECK(o.result.status == 404);
  CHECK(o.result.body == R"({"error":"no such model"})");
  CHECK(o.pieces.empty());
  CHECK(o.head_status == 0);
  CHECK(hits == 1);
}

TEST_CASE("http client: an idempotent GET is retried through 503s until it succeeds") {
  LoopbackHttp server;
  std::atomic<int> hits{0};
  server.server().Get("/flaky", [&](const httplib::Request&, httplib::Response& res) {
    if (++hits < 3) {
      res.status = 503;
      return;
    }
    res.set_content("ok", "text/plain");
  });
  REQUIRE(server.Start());
  auto loop = NewLoop();
  Outcome o = Fetch(*loop, Get(server.url("/flaky")));
  CHECK(o.status.ok());
  CHECK(o.result.body == "ok");
  CHECK(o.result.attempts == 3);
  CHECK(hits == 3);
}

TEST_CASE("http client: a POST is not repeated after a 500 but is after a 429 with Retry-After") {
  LoopbackHttp server;
  std::atomic<int> hits500{0}, hits429{0};
  server.server().Post("/500", [&](const httplib::Request&, httplib::Response& res) {
    ++hits500;
    res.status = 500;
  });
  server.server().Post("/429", [&](const httplib::Request&, httplib::Response& res) {
    if (++hits429 == 1) {
      res.status = 429;
      res.set_header("Retry-After", "0");
      return;
    }
    res.set_content("sent", "text/plain");
  });
  REQUIRE(server.Start());
  auto loop = NewLoop();
  HttpRequest a = Get(server.url("/500"));
  a.method = "POST";
  a.body = "x";
  Outcome o500 = Fetch(*loop, a);
  CHECK(o500.status.code() == Code::kUnavailable);
  CHECK(hits500 == 1);
  HttpRequest b = Get(server.url("/429"));
  b.method = "POST";
  b.body = "x";
  Outcome o429 = Fetch(*loop, b);
  CHECK(o429.status.ok());
  CHECK(hits429 == 2);
  CHECK(o429.result.attempts == 2);
}

TEST_CASE("http client: a stream that stalls is cut by the idle timeout and not retried") {
  LoopbackHttp server;
  std::atomic<int> hits{0};
  server.server().Get("/stall", [&](const httplib::Request&, httplib::Response& res) {
    ++hits;
    res.set_chunked_content_provider("text/event-stream", [&](size_t, httplib::DataSink& sink) {
      sink.write("data: first\n\n", 13);
      server.Stall(3s);
      return false;
    });
  });
  REQUIRE(server.Start());
  auto loop = NewLoop();
  HttpRequest req = Get(server.url("/stall?key=sk-secret"));
  req.idle_timeout = 150ms;
  Outcome o = Fetch(*loop, req, /*stream=*/true);
  CHECK(o.status.code() == Code::kUnavailable);
  CHECK(o.status.message().find("stalled") != std::string::npos);
  CHECK(o.status.message().find("sk-secret") == std::string::npos);  // queries stay out of errors
  REQUIRE(o.pieces.size() == 1);
  CHECK(o.pieces[0] == "data: first\n\n");
  CHECK(hits == 1);
  server.Stop();
}

TEST_CASE("http client: no response in time is a timeout, retried for a GET") {
  LoopbackHttp server;
  std::atomic<int> hits{0};
  server.server().Get("/slow", [&](const httplib::Request&, httplib::Response& res) {
    ++hits;
    server.Stall(2s);
    res.set_content("late", "text/plain");
  });
  REQUIRE(server.Start());
  auto loop = NewLoop();
  HttpRequest req = Get(server.url("/slow"));
  req.connect_timeout = 100ms;
  req.first_byte_timeout = 100ms;
  req.retry.max_retries = 1;
  Outcome o = Fetch(*loop, req);
  CHECK(o.status.code() == Code::kUnavailable);
  CHECK(o.status.message().find("no response within 200 ms") != std::string::npos);
  CHECK(o.result.attempts == 2);
  server.Stop();
  CHECK(hits == 2);
}

TEST_CASE("http client: a refused connection is retried, then reported") {
  LoopbackHttp probe;  // find a port nobody listens on
  REQUIRE(probe.Start());
  const std::string url = probe.url("/x");
  probe.Stop();
  auto loop = NewLoop();
  HttpRequest req = Get(url);
  req.method = "POST";  // nothing was sent: safe to retry even a POST
  req.retry.max_retries = 2;
  Outcome o = Fetch(*loop, req);
  CHECK(o.status.code() == Code::kUnavailable);
  CHECK(o.result.attempts == 3);
  CHECK(o.result.status == 0);
}

TEST_CASE("http client: an open circuit breaker fails requests without touching the server") {
  LoopbackHttp server;
  std::atomic<int> hits{0};
  server.server().Get("/down", [&](const httplib::Request&, httplib::Response& res) {
    ++hits;
    res.status = 502;
  });
  REQUIRE(server.Start());
  auto loop = NewLoop();
  CircuitBreakerOptions opts;
  opts.failure_threshold = 2;
  opts.open_for = 60s;
  auto breaker = std::make_shared<CircuitBreaker>(opts);
  HttpRequest req = Get(server.url("/down"));
  req.retry.max_retries = 0;
  req.breaker = breaker;
  CHECK(Fetch(*loop, req).status.code() == Code::kUnavailable);
  CHECK(Fetch(*loop, req).status.code() == Code::kUnavailable);
  CHECK(hits == 2);
  Outcome o = Fetch(*loop, req);
  CHECK(o.status.code() == Code::kUnavailable);
  CHECK(o.status.message().find("circuit breaker open") != std::string::npos);
  CHECK(o.result.attempts == 0);
  CHECK(hits == 2);
}

TEST_CASE("http client: a response over the size limit is refused") {
  LoopbackHttp server;
  server.server().Get("/big", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(100000, 'x'), "text/plain");
  });
  REQUIRE(server.Start());
  auto loop = NewLoop();
  HttpRequest req = Get(server.url("/big"));
  req.max_response_bytes = 1000;
  req.retry.max_retries = 0;
  Outcome o = Fetch(*loop, req);
  CHECK(o.status.code() == Code::kUnavailable);
  CHECK(o.status.message().find("larger than 1000 bytes") != std::string::npos);
}

TEST_CASE("http client: cancelling from inside on_body stops every handler of that request") {
  LoopbackHttp server;
  server.server().Get("/stream", [&](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("text/plain", [&](size_t, httplib::DataSink& sink) {
      for (int i = 0; i < 20 && !server.stopping(); ++i) {
        if (!sink.write("piece", 5)) return false;
        server.Stall(10ms);
      }
      sink.done();
      return true;
    });
  });
  REQUIRE(server.Start());
  auto loop = NewLoop();
  std::atomic<int> pieces{0}, dones{0};
  loop->Call([&] {
    auto id = std::make_shared<uint64_t>(0);
    HttpHandlers h;
    h.on_body = [&, id](std::string_view) {
      ++pieces;
      loop->http().Cancel(*id);
    };
    h.on_done = [&](const Status&, HttpResult&) { ++dones; };
    *id = loop->http().Start(Get(server.url("/stream")), std::move(h));
  });
  std::this_thread::sleep_for(300ms);
  CHECK(pieces == 1);
  CHECK(dones == 0);
  CHECK(loop->Call([&] { return loop->http().active(); }) == 0);
}

TEST_CASE("http client: Retry-After takes seconds or an HTTP date") {
  CHECK(ParseRetryAfter("7") == std::chrono::milliseconds(7000));
  CHECK(ParseRetryAfter(" 0 ") == std::chrono::milliseconds(0));
  CHECK(ParseRetryAfter("999999999") == std::chrono::milliseconds(86'400'000));
  CHECK(ParseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT") == std::chrono::milliseconds(0));  // past
  CHECK_FALSE(ParseRetryAfter(""));
  CHECK_FALSE(ParseRetryAfter("soon"));
  CHECK_FALSE(ParseRetryAfter("-5"));
}
