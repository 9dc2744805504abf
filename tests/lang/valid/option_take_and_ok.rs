// `Option::take` moves the value out and leaves `None` behind (as an executor takes a stored
// waker); `Result::ok` turns a result into an option.
struct Slot {
    waker: Option<String>,
}

impl Slot {
    fn wake(&mut self) -> Option<String> {
        self.waker.take()
    }
}

fn parse(flag: bool) -> Result<u32, String> {
    if flag {
        Ok(7)
    } else {
        Err(String::from("bad"))
    }
}

async fn main() {
    let mut slot = Slot { waker: Some(String::from("waker of task 1")) };
    let first = slot.wake();
    let second = slot.wake();
    println!("{} {}", first.unwrap(), second.is_none());
    let mut local = Some(3);
    let n = local.take();
    println!("{} {}", n.unwrap(), local.is_none());
    let a = parse(true).ok();
    let b = parse(false).ok();
    println!("{} {}", a.unwrap(), b.is_none());
}
