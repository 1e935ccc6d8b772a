#!/usr/bin/python3
"""Counts the iterations of the SpLiCE reference ADMM (the loop and settings of
../shared/peer/splice_reference.py, which does not print its iteration count) on a problem written by
'splice generate': /usr/bin/python3 scripts/count-admm-iterations.py DIR   (DIR holds D.npy and Z.npy).
Prints the iterations, the setup (Cholesky) time and the time per iteration, for docs/PERFORMANCE.md."""
import numpy as np, scipy.linalg as sla, time, sys
D=np.load(sys.argv[1]+'/D.npy'); Z=np.load(sys.argv[1]+'/Z.npy'); l1=0.25; rho=5.0; tol=1e-6
c=D.shape[0]; t0=time.perf_counter()
Q=2.0*D@D.T+rho*np.eye(c); cho=sla.cho_factor(Q); t1=time.perf_counter()
rng=np.random.default_rng(0); x,z,u=(rng.standard_normal((c,Z.shape[0])) for _ in range(3)); Cb=2.0*D@Z.T
for it in range(2000):
    z_old=z; x=sla.cho_solve(cho,Cb+rho*(z-u)); z=np.maximum(x+u-l1/rho,0.0); u=u+x-z
    if np.linalg.norm(x-z,axis=0).max()<tol and np.linalg.norm(rho*(z-z_old),axis=0).max()<tol: break
t2=time.perf_counter()
print("iterations", it+1, "setup_s", round(t1-t0,3), "loop_s", round(t2-t1,3), "ms_per_iteration", round(1000*(t2-t1)/(it+1),3))
