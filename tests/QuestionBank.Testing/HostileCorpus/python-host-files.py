# hostile: Python: reads the host's and the repository's files (/etc, /root, /home, /work, PostgreSQL's folder, .NET and the C# runner); anything found would spin until the timeout
# exercise: lstm
# expect: failed
# limits: timeout=60
import os


def run(ctx):
    for path in ("/etc/passwd", "/etc/shadow", "/root", "/home", "/work", "/var/lib/postgresql",
                 "/opt/dotnet", "/app/QuestionBank.Sandbox.Runner.dll", "/usr/share/dotnet"):
        if os.path.exists(path):
            print("found", path, os.listdir(path) if os.path.isdir(path) else "")
            while True:
                pass
    print(sorted(os.listdir("/")), dict(os.environ))
    raise FileNotFoundError("nothing of the host")
