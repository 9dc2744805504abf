// `new` has no `self`: it is called as `Disk::new(..)`, not as a method.
struct Disk {
    id: u32,
}

impl Disk {
    fn new(id: u32) -> Disk {
        Disk { id }
    }
}

async fn main() {
    let d = Disk::new(1);
    let e = d.new(2);
    println!("{}", e.id);
}
