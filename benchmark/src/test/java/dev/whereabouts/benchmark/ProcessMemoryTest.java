package dev.whereabouts.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProcessMemoryTest {

    private static final String STATUS = """
            Name:\tjava
            Umask:\t0022
            State:\tS (sleeping)
            Pid:\t4242
            VmPeak:\t 5123456 kB
            VmSize:\t 5023456 kB
            VmHWM:\t  812345 kB
            VmRSS:\t  734512 kB
            RssAnon:\t  700000 kB
            Threads:\t57
            """;

    @Test
    void shouldReadVmRssInBytes() {
        assertThat(ProcessMemory.rssBytes(STATUS)).hasValue(734_512L * 1024);
    }

    @Test
    void shouldNotMistakeVmHwmOrRssAnonForVmRss() {
        String withoutRss = STATUS.replace("VmRSS:\t  734512 kB\n", "");

        assertThat(ProcessMemory.rssBytes(withoutRss)).isEqualTo(OptionalLong.empty());
    }

    @Test
    void shouldHaveNothingForAKernelThread() {
        assertThat(ProcessMemory.rssBytes("Name:\tkthreadd\nState:\tS (sleeping)\nPid:\t2\n"))
                .isEmpty();
    }

    @Test
    void shouldRefuseAMalformedVmRssLine() {
        assertThatThrownBy(() -> ProcessMemory.rssBytes("VmRSS:\t 12 MB\n")).hasMessageContaining("VmRSS:\t 12 MB");
        assertThatThrownBy(() -> ProcessMemory.rssBytes("VmRSS:\t lots kB\n")).hasMessageContaining("lots");
    }

    @Test
    void shouldReadThisProcess() {
        assertThat(ProcessMemory.rssBytes(ProcessHandle.current().pid()).orElseThrow())
                .isPositive();
    }

    @Test
    void shouldParseTheLoadAverage() {
        assertThat(Machine.parseLoadAverage("1.50 0.54 1.05 3/812 12345\n")).containsExactly(1.50, 0.54, 1.05);
        assertThatThrownBy(() -> Machine.parseLoadAverage("1.5")).hasMessageContaining("'1.5'");
    }

    @Test
    void shouldNameAChildJvmByItsMainClass() {
        assertThat(RssSampler.mainClass(java.util.List.of(
                        "/usr/bin/java",
                        "-Xmx512m",
                        "-cp",
                        "/a.jar:/b.jar",
                        "dev.whereabouts.kafka.KafkaNode",
                        "--port=1")))
                .hasValue("KafkaNode");
        assertThat(RssSampler.mainClass(java.util.List.of("/usr/bin/java", "-jar", "x.jar")))
                .isEmpty();
    }
}
