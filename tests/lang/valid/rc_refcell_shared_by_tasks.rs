// `Rc<RefCell<Vec<_>>>` shared by two tasks on the single-threaded executor: every clone points at
// one vector; `borrow_mut()` lends it out for one statement, `borrow()` lends it to read.
use std::cell::RefCell;
use std::rc::Rc;

async fn producer(log: Rc<RefCell<Vec<u32>>>, first: u32) {
    let mut i = first;
    while i < first + 2 {
        log.borrow_mut().push(i);
        yield_now().await;
        i += 1;
    }
}

async fn main() {
    let log: Rc<RefCell<Vec<u32>>> = Rc::new(RefCell::new(Vec::new()));
    spawn(producer(Rc::clone(&log), 10));
    spawn(producer(log.clone(), 20));
    println!("owners: {}", Rc::strong_count(&log));
    sleep(Duration::from_millis(1)).await;
    println!("log: {:?}", log.borrow());
    println!("len {} owners {}", log.borrow().len(), Rc::strong_count(&log));
}
