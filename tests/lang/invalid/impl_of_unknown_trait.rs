// An impl of a trait that is not declared: its methods are not checked or called.
struct Disk;

impl Shape for Disk {
    fn area(&self) -> u32 {
        1
    }
}

async fn main() {
    let d = Disk;
    println!("{}", d.area());
}
