"""The desk app: supervisors' review desk and disposal units' desk, online against the central server.

Every HTTP call goes through app/desk.py on a worker of ui/tasks.py; nothing here waits on the network
on the GUI thread.
"""
