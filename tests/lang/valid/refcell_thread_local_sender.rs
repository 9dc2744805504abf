// `RefCell`: a value borrowed at run time. `borrow` gives a `Ref` (shared, any number at once),
// `borrow_mut` a `RefMut` (the only one); each borrow ends when its guard is dropped. Kept in a
// `thread_local!`, as the Tokio tutorial keeps the running executor's sender.
use std::cell::RefCell;
use std::sync::mpsc;

thread_local! {
    static CURRENT: RefCell<Option<mpsc::Sender<u32>>> = RefCell::new(None);
}

fn send_to_current(n: u32) {
    CURRENT.with(|cell| {
        let borrow = cell.borrow();
        let sender = borrow.as_ref().unwrap();
        sender.send(n).unwrap();
    });
}

fn main() {
    let (sender, receiver) = mpsc::channel();
    CURRENT.with(|cell| {
        *cell.borrow_mut() = Some(sender);
    });
    send_to_current(1);
    send_to_current(2);
    let count = RefCell::new(0);
    {
        let a = count.borrow();
        let b = count.borrow();
        println!("two readers see {} and {}", *a, *b);
    }
    *count.borrow_mut() += 10;
    println!("{:?}", count);
    CURRENT.with(|cell| {
        cell.borrow_mut().take();
    });
    while let Ok(n) = receiver.recv() {
        println!("received {}", n);
    }
}
