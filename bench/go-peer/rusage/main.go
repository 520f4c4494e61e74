// rusage runs a command as its child with the same stdin, stdout, stderr and environment,
// forwards SIGTERM/SIGHUP/SIGINT to it, and when it exits appends one JSON line to
// $BENCH_RUSAGE_FILE: the child's user and system CPU time, its peak resident memory
// (ru_maxrss) and its wall time. The benchmark installs it in front of each provider
// executable, so every provider process an engine starts is measured to the last tick,
// however short it lives. Usage: rusage COMMAND [ARGS...], or, installed as a plugin
// executable and started with no arguments, it runs `measured-provider` beside itself.
// Exits with the child's code.
package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"
)

func main() {
	argv := os.Args[1:]
	if len(argv) == 0 {
		self, err := os.Executable()
		if err != nil {
			os.Stderr.WriteString(err.Error() + "\n")
			os.Exit(2)
		}
		argv = []string{filepath.Join(filepath.Dir(self), "measured-provider")}
	}
	started := time.Now()
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	signals := make(chan os.Signal, 4)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGINT)
	if err := cmd.Start(); err != nil {
		os.Stderr.WriteString(err.Error() + "\n")
		os.Exit(127)
	}
	go func() {
		for s := range signals {
			_ = cmd.Process.Signal(s)
		}
	}()
	_ = cmd.Wait()
	wall := time.Since(started)
	if file := os.Getenv("BENCH_RUSAGE_FILE"); file != "" {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			line, _ := json.Marshal(map[string]any{
				"command":   filepath.Base(argv[0]),
				"userMs":    float64(ru.Utime.Sec)*1000 + float64(ru.Utime.Usec)/1000,
				"sysMs":     float64(ru.Stime.Sec)*1000 + float64(ru.Stime.Usec)/1000,
				"maxRssKiB": ru.Maxrss,
				"wallMs":    float64(wall.Microseconds()) / 1000,
			})
			if f, err := os.OpenFile(file, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644); err == nil {
				_, _ = f.Write(append(line, '\n'))
				_ = f.Close()
			}
		}
	}
	if code := cmd.ProcessState.ExitCode(); code >= 0 {
		os.Exit(code)
	}
	os.Exit(1)
}
