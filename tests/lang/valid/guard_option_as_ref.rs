// `as_ref` on an `Option` behind a `MutexGuard` (auto-deref): the reference points into the
// mutex's value, and it stays valid while the guard lives.
use std::sync::Mutex;

fn main() {
    let m = Mutex::new(Some(5u32));
    let guard = m.lock().unwrap();
    let inner = guard.as_ref().unwrap();
    println!("{}", inner);
}
