// An inherent impl: an associated function builds the value (`Self { .. }`), methods read it
// (`&self`), change it (`&mut self`) and consume it (`self`); `Type::f(&x)` is the same call.
struct Counter {
    name: String,
    count: u32,
}

impl Counter {
    fn new(name: &str) -> Self {
        Self { name: String::from(name), count: 0 }
    }

    fn bump(&mut self, by: u32) {
        self.count += by;
    }

    fn get(&self) -> u32 {
        self.count
    }

    fn bump_twice(&mut self) {
        self.bump(1);
        self.bump(1);
    }

    fn finish(self) -> String {
        format!("{} counted {}", self.name, self.get())
    }
}

async fn main() {
    let mut c = Counter::new("polls");
    c.bump(2);
    c.bump_twice();
    println!("{}", c.get());
    let r = &mut c;
    r.bump(10);
    println!("{}", Counter::get(&c));
    println!("{}", c.finish());
}
