// `try_lock` never waits: while the guard of a `lock` lives it fails at once; afterwards it locks.
use std::sync::Mutex;

fn main() {
    let m = Mutex::new(5);
    let held = m.lock().unwrap();
    println!("while held: {}", m.try_lock().is_err());
    drop(held);
    let mut again = m.try_lock().unwrap();
    *again += 1;
    println!("then: {}", *again);
}
