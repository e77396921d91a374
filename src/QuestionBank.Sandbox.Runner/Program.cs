using QuestionBank.Sandbox.Runner;

// Started by the sandbox worker inside the jail: QuestionBank.Sandbox.Runner <job folder>.
return JobRunner.Run(args.Length > 0 ? args[0] : "/job", Console.OpenStandardInput(), Console.OpenStandardOutput());
