// A `RefMut` held across an `.await`: on one thread this compiles, but while the first task sleeps
// holding the borrow, the cell is busy for every other task: `try_borrow_mut` says so with `Err`
// (a `borrow_mut` there would panic: "RefCell already borrowed").
use std::cell::RefCell;
use std::rc::Rc;

async fn hold(shared: Rc<RefCell<Vec<u32>>>) {
    let mut v = shared.borrow_mut();
    v.push(1);
    sleep(Duration::from_millis(5)).await;
    v.push(2);
}

async fn poke(shared: Rc<RefCell<Vec<u32>>>, label: &str) {
    match shared.try_borrow_mut() {
        Ok(mut v) => {
            v.push(99);
            println!("{}: pushed", label);
        }
        Err(_) => println!("{}: busy", label),
    }
}

async fn main() {
    let shared = Rc::new(RefCell::new(Vec::new()));
    spawn(hold(shared.clone()));
    spawn(poke(shared.clone(), "during"));
    sleep(Duration::from_millis(10)).await;
    poke(shared.clone(), "after").await;
    println!("{:?}", shared.borrow());
}
