// A method of the guarded value, called on the guard: `lock`'s `MutexGuard`, `try_lock`'s, and
// `borrow_mut`'s `RefMut` all auto-deref to the value (`&mut self` needs the guard `mut`).
use std::cell::RefCell;
use std::sync::Mutex;

struct Counter {
    n: u32,
}

impl Counter {
    fn bump(&mut self) {
        self.n += 1;
    }

    fn get(&self) -> u32 {
        self.n
    }
}

fn main() {
    let m = Mutex::new(Counter { n: 1 });
    {
        let mut guard = m.lock().unwrap();
        guard.bump();
    }
    let mut again = m.try_lock().unwrap();
    again.bump();
    println!("mutex: {}", again.get());
    let cell = RefCell::new(Counter { n: 10 });
    cell.borrow_mut().bump();
    println!("cell: {}", cell.borrow().get());
}
