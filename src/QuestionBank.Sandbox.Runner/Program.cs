using QuestionBank.Sandbox.Runner;

// Started by the sandbox worker inside the jail: QuestionBank.Sandbox.Runner <path of solution.dll>.
return JobRunner.Run(args.Length > 0 ? args[0] : "/job/solution.dll", Console.OpenStandardInput(), Console.OpenStandardOutput());
