// `Box<dyn Trait>`: `as_ref()`, `as_mut()` and `&*boxed` lend the trait object inside as
// `&dyn Trait` / `&mut dyn Trait`; its methods go through the vtable.
trait Shape {
    fn area(&self) -> u32;
    fn grow(&mut self);
}

struct Square {
    side: u32,
}

impl Shape for Square {
    fn area(&self) -> u32 {
        self.side * self.side
    }
    fn grow(&mut self) {
        self.side += 1;
    }
}

fn describe(s: &dyn Shape) -> u32 {
    s.area()
}

fn main() {
    let mut boxed: Box<dyn Shape> = Box::new(Square { side: 2 });
    println!("as_ref {}", describe(boxed.as_ref()));
    boxed.as_mut().grow();
    let r: &dyn Shape = &*boxed;
    println!("deref {}", describe(r));
    let shapes: Vec<Box<dyn Shape>> = vec![Box::new(Square { side: 1 }), Box::new(Square { side: 3 })];
    for s in shapes.iter() {
        println!("each {}", s.as_ref().area());
    }
}
