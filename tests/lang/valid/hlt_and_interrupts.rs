// `hlt` sleeps the core until the next event (here a thread's sleep ending); `without_interrupts`
// runs a closure with interrupts off and gives back its value.
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;
use x86_64::instructions::hlt;
use x86_64::instructions::interrupts;

fn main() {
    let flag = Arc::new(Mutex::new(false));
    let setter = Arc::clone(&flag);
    let timer = thread::spawn(move || {
        thread::sleep(Duration::from_millis(25));
        *setter.lock().unwrap() = true;
    });
    while !*flag.lock().unwrap() {
        hlt();
    }
    let seen = interrupts::without_interrupts(|| *flag.lock().unwrap());
    interrupts::disable();
    interrupts::enable();
    println!("flag {}", seen);
    timer.join().unwrap();
}
