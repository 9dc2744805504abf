// A method that no `impl` block of `Disk` defines.
struct Disk {
    id: u32,
}

impl Disk {
    fn id(&self) -> u32 {
        self.id
    }
}

async fn main() {
    let d = Disk { id: 1 };
    println!("{}", d.size());
}
