using QuestionBank.Sandbox.Runner;

// Started by the sandbox worker inside the jail; the job (and the source) arrives on standard input.
return RunnerHost.Run(Console.OpenStandardInput(), Console.OpenStandardOutput());
