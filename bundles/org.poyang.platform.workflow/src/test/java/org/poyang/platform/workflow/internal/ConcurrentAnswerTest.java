package org.poyang.platform.workflow.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.poyang.platform.workflow.Case;
import org.poyang.platform.workflow.CaseEvent;
import org.poyang.platform.workflow.CaseStateException;

/**
 * Two officers answering the same application (Art. 18) at once, one approving and one refusing, both
 * having seen it SUBMITTED: exactly one answer is taken, the other is refused as a state error, and the
 * history holds one answer.
 */
class ConcurrentAnswerTest extends CaseServiceTestBase {

    private static final int ROUNDS = 20;

    @Test
    void art18OnlyOneOfTwoSimultaneousAnswersIsTaken() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                Case c = openAt("2026-09-30T10:00");
                at("2026-10-09T10:00");
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<Object>> answers = new ArrayList<>();
                for (String to : new String[] {APPROVED, REFUSED}) {
                    answers.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        try {
                            return service.move(APPLICATION, c.id(), SUBMITTED, to, "officer-" + to, to, null);
                        } catch (CaseStateException e) {
                            return e;
                        }
                    }));
                }
                Object a = answers.get(0).get(30, TimeUnit.SECONDS);
                Object b = answers.get(1).get(30, TimeUnit.SECONDS);

                List<Case> taken = new ArrayList<>();
                List<CaseStateException> refused = new ArrayList<>();
                for (Object o : List.of(a, b)) {
                    if (o instanceof Case x) {
                        taken.add(x);
                    } else {
                        refused.add((CaseStateException) o);
                    }
                }
                assertThat(taken).as("round %d: answers taken", round).hasSize(1);
                assertThat(refused).as("round %d: answers refused", round).hasSize(1);
                assertThat(refused.get(0).notFound()).isFalse();

                Case now = reload(c);
                assertThat(now.state()).as("round %d: the answer taken is the one that stands", round).isEqualTo(taken.get(0).state());
                assertThat(now.closed()).isTrue();
                List<CaseEvent> h = service.history(c.id());
                assertThat(h).extracting(CaseEvent::kind).as("round %d", round).containsExactly(CaseEvent.Kind.OPENED, CaseEvent.Kind.MOVED);
                assertThat(h.get(1).to()).isEqualTo(now.state());
                assertThat(h.get(1).actor()).isEqualTo("officer-" + now.state());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
