// Writing through a guard is `DerefMut`: it borrows the guard mutably.
use std::sync::Mutex;

fn main() {
    let m = Mutex::new(0);
    let guard = m.lock().unwrap();
    *guard += 1;
}
