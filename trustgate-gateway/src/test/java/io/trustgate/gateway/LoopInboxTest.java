package io.trustgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoopInboxTest {
    @Test
    void tasksPostedFromManyThreadsAllRunOnTheContextInOrderPerThread() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Context ctx = vertx.getOrCreateContext();
            LoopInbox inbox = LoopInbox.of(ctx);
            assertThat(LoopInbox.of(ctx)).isSameAs(inbox);
            int threads = 4;
            int perThread = 5_000;
            CountDownLatch done = new CountDownLatch(threads * perThread);
            List<List<Integer>> seen = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                seen.add(new ArrayList<>());
            }
            List<Thread> posters = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                posters.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < perThread; i++) {
                        int n = i;
                        inbox.post(() -> {
                            assertThat(Context.isOnEventLoopThread()).isTrue();
                            seen.get(id).add(n); // only the loop thread touches the lists
                            done.countDown();
                        });
                    }
                }));
            }
            for (Thread p : posters) {
                p.join();
            }
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            CountDownLatch read = new CountDownLatch(1);
            ctx.runOnContext(v -> {
                for (List<Integer> s : seen) {
                    assertThat(s).hasSize(perThread).isSorted();
                }
                read.countDown();
            });
            assertThat(read.await(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            vertx.close().await();
        }
    }
}
