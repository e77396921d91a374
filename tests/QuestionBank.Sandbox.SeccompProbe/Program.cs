using QuestionBank.Sandbox.SeccompProbe;

// Run by SeccompFilterTests inside the real jail: one line "name errno" per syscall (0: it
// succeeded), then "threads ok" once threads have started, worked and been joined.
Probe.CallEverything();
Probe.StartThreads();
return 0;
