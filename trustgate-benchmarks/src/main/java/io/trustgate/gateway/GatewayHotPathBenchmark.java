package io.trustgate.gateway;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmarks of the gateway's package-private request-path classes; it lives in {@code io.trustgate.gateway} (in
 * this module, on the class path) to reach them. Parsing a chat request: the body's bytes to a Jackson tree
 * ({@link Json#parse}) and the tree to a validated {@link ChatRequest}, as every chat completion pays it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GatewayHotPathBenchmark {
    /** A realistic agent turn: system prompt, three turns (one a tool call and its result), two tools. */
    static final String CHAT_REQUEST = """
            {"model":"gpt-4o","temperature":0.2,"max_tokens":512,"stream":true,
             "stream_options":{"include_usage":true},"user":"user-4711","tool_choice":"auto",
             "messages":[
              {"role":"system","content":"You are a helpful assistant for Acme Corp's support desk. Answer briefly and\
             politely, cite the order number when you talk about an order, and call the tools when you need data\
             you do not have. Never reveal internal notes."},
              {"role":"user","content":"Hi, my order 12345 has not arrived yet. It was supposed to be delivered on\
             Monday. Can you check where it is and when I can expect it?"},
              {"role":"assistant","content":null,"tool_calls":[{"id":"call_abc123","type":"function",\
            "function":{"name":"get_order_status","arguments":"{\\"order_id\\":\\"12345\\"}"}}]},
              {"role":"tool","tool_call_id":"call_abc123","content":"{\\"order_id\\":\\"12345\\",\\"status\\":\
            \\"in_transit\\",\\"carrier\\":\\"DHL\\",\\"eta\\":\\"2026-11-28\\",\\"last_scan\\":\\"Leipzig hub\\"}"},
              {"role":"user","content":[{"type":"text","text":"Thanks. Can you also tell me if I can still change\
             the delivery address to my office?"}]}
             ],
             "tools":[
              {"type":"function","function":{"name":"get_order_status","description":"Look up the shipping status\
             of an order.","parameters":{"type":"object","properties":{"order_id":{"type":"string",\
            "description":"The order number"}},"required":["order_id"]}}},
              {"type":"function","function":{"name":"change_delivery_address","description":"Change the delivery\
             address of an order that has not been delivered yet.","parameters":{"type":"object","properties":{\
            "order_id":{"type":"string"},"address":{"type":"string","description":"The full new address"}},\
            "required":["order_id","address"]}}}
             ]}
            """;

    private Buffer body;

    @Setup
    public void setUp() throws IOException {
        body = Buffer.buffer(CHAT_REQUEST.getBytes(StandardCharsets.UTF_8));
        ChatRequest check = ChatRequest.parse(Json.parse(body));
        if (check.texts().size() != 7 || !check.stream()) { // 5 messages + 2 tools
            throw new IllegalStateException("unexpected parse of the sample request: " + check.texts());
        }
    }

    @Benchmark
    public ChatRequest parseChatRequest() throws IOException {
        return ChatRequest.parse(Json.parse(body));
    }
}
